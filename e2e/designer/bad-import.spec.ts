import { expect, test } from "../fixtures";
import { createWorkflowInUi, draftDefinition, stateNode, uniqueWorkflowName } from "./designer-helpers";

test("importing a bad file shows each mistake with its path and changes nothing", async ({
  page,
  createUser,
  signIn,
  db,
}) => {
  const admin = await createUser("admin");
  await signIn(page, admin);
  const { name, key } = uniqueWorkflowName("Import check");
  await createWorkflowInUi(page, name);
  const input = page.getByTestId("import-file");
  const notice = page.getByTestId("designer-notice");

  await input.setInputFiles({
    name: "notes.json",
    mimeType: "application/json",
    buffer: Buffer.from("{ states: oops"),
  });
  await expect(notice).toContainText("Could not import notes.json");
  await expect(notice).toContainText("Not valid JSON");

  const invalid = {
    states: [
      { key: "Bad Key", kind: "weird" },
      { key: "ok", kind: "normal", action: { type: "webhook", url: "ftp://x" } },
    ],
    transitions: "none",
  };
  await input.setInputFiles({
    name: "invalid.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(invalid)),
  });
  await expect(notice).toContainText("states[0].key");
  await expect(notice).toContainText("states[0].kind");
  await expect(notice).toContainText("states[1].action.url");
  await expect(notice).toContainText("transitions");

  const huge = {
    states: Array.from({ length: 10_000 }, (_, i) => ({ key: `s${i}`, kind: i === 0 ? "initial" : "normal" })),
    transitions: [],
  };
  await input.setInputFiles({
    name: "huge.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(huge)),
  });
  await expect(notice).toContainText("at most 500 states");

  // Nothing changed on the canvas or in the database.
  await expect(stateNode(page, "start")).toBeVisible();
  const [draft] = await draftDefinition(db, key);
  expect(draft!.definition.states.map((s) => s.key)).toEqual(["start", "done"]);

  // A good file replaces the graph.
  const good = {
    states: [
      { key: "a", kind: "initial" },
      { key: "b", kind: "terminal" },
    ],
    transitions: [{ key: "go", from: ["a"], to: "b" }],
  };
  await input.setInputFiles({
    name: "good.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(good)),
  });
  await expect(notice).toContainText("Imported good.json: 2 states, 1 transitions");
  await expect(stateNode(page, "a")).toBeVisible();
  await expect(page.getByTestId("save-status")).toHaveAttribute("data-status", "saved", { timeout: 10_000 });
  const [saved] = await draftDefinition(db, key);
  expect(saved!.definition.states.map((s) => s.key)).toEqual(["a", "b"]);
});
