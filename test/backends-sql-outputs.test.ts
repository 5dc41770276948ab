import { test } from "node:test";
import assert from "node:assert/strict";
import { avpQueryOutputs, oneRowOutputs, SQL_NULL_TEXT } from "../runtime/backends/sql-outputs.ts";
import { sqlTimeout, type SqlResult } from "../runtime/backends/sql-types.ts";

const twoRows: SqlResult = {
  ok: true,
  columns: ["uid", "credit", "plan"],
  rows: [
    [10, "1.500000", null],
    [2 ** 32 + 3, null, "gold"],
  ],
};

test("avp_db_query: every column, rows pushed last first, NULL as <null>, ints cut to 32 bits", () => {
  assert.deepEqual(avpQueryOutputs(twoRows, null), {
    code: 1,
    pushes: [
      { column: 0, value: 3 },
      { column: 1, value: SQL_NULL_TEXT },
      { column: 2, value: "gold" },
      { column: 0, value: 10 },
      { column: 1, value: "1.500000" },
      { column: 2, value: "<null>" },
    ],
  });
});

test("avp_db_query: columns beyond the output names are dropped, extra names unused", () => {
  assert.deepEqual(avpQueryOutputs(twoRows, 1).pushes, [
    { column: 0, value: 3 },
    { column: 0, value: 10 },
  ]);
  assert.equal(avpQueryOutputs(twoRows, 5).pushes.length, 6);
});

test("avp_db_query: no rows is -2, an error or a timeout is -1", () => {
  assert.deepEqual(avpQueryOutputs({ ok: true, columns: ["a"], rows: [] }, 1), { code: -2, pushes: [] });
  assert.deepEqual(avpQueryOutputs({ ok: true, columns: [], rows: [], changes: 3 }, 1), { code: -2, pushes: [] });
  assert.deepEqual(avpQueryOutputs({ ok: false, error: "boom" }, 1), { code: -1, pushes: [] });
  assert.deepEqual(avpQueryOutputs(sqlTimeout(100), 1), { code: -1, pushes: [] });
});

test("sql_query_one: the first row, NULL stays NULL", () => {
  assert.deepEqual(oneRowOutputs(twoRows, 3), { code: 1, values: [10, "1.500000", null] });
  assert.deepEqual(oneRowOutputs(twoRows, 4), { code: 1, values: [10, "1.500000", null] });
});

test("sql_query_one: fewer outputs than columns is -1, no rows -2, an error -1", () => {
  assert.deepEqual(oneRowOutputs(twoRows, 2), { code: -1, values: [] });
  assert.deepEqual(oneRowOutputs({ ok: true, columns: ["a"], rows: [] }, 1), { code: -2, values: [] });
  assert.deepEqual(oneRowOutputs({ ok: false, error: "boom" }, 1), { code: -1, values: [] });
});
