"use client";

// The app shell's error page: the same message and digest for the designer's routes.
export { default } from "../(app)/error";
