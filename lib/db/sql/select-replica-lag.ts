import type { SqlExecutor } from "./sql-executor";

// How far a hot standby's replay trails its primary, in seconds: 0 when it has replayed all
// it received (an idle primary sends nothing, so the last replayed commit's age would
// overstate it), else the age of the last replayed commit. NULL on a server that is not
// in recovery (the primary answering after a fall-back).
const STATEMENT = {
  name: "docstate_select_replica_lag",
  text: `
SELECT CASE WHEN NOT pg_is_in_recovery() THEN NULL
            WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
            ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 END AS "lag"`,
};

export async function selectReplicaLagSeconds(sql: SqlExecutor): Promise<number | null> {
  const [row] = await sql.rows<{ lag: unknown }>(STATEMENT);
  return row?.lag === null || row?.lag === undefined ? null : Number(row.lag);
}
