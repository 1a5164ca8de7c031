-- Bulk operations may complete or fail the automated actions of many documents by hand.
-- AlterEnum
ALTER TYPE "BulkAction" ADD VALUE 'COMPLETE';
ALTER TYPE "BulkAction" ADD VALUE 'FAIL';
