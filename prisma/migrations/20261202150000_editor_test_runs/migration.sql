-- AlterEnum: runs started from the editor (POST /workflows/test-runs) on a hidden draft version
ALTER TYPE "TriggerType" ADD VALUE 'TEST';
