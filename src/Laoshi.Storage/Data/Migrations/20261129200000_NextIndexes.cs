using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>
/// The random and active-learning orders walk only open items, so their indexes now hold only open items (partial
/// indexes, <c>WHERE status = 'new'</c>) instead of every item keyed by status. Their keys are scattered (a shuffle of
/// the id, a model's score), so on every submit the old indexes moved the item's entry from one random leaf page to
/// another: two pages read and dirtied, written to the WAL and checkpointed again, for each answer, in every project,
/// whatever its order. Now a submit only deletes one entry, and the indexes shrink as a project is done. The queries
/// that use them name the status as a literal (<see cref="ItemStatus.New"/>): both databases use a partial index only
/// when the query's own condition implies the index's.
/// The gold and random turns count a person's copies that are not exam (or gold) copies; that count read every one
/// of the person's assignment rows from the table. It is now all rows (index only) less the flagged ones, which
/// <c>ix_assignments_exam_or_gold</c> holds alone (a partial index: rows of ordinary items never enter it).
/// </summary>
[DbContext(typeof(LaoshiDbContext))]
[Migration("20261129200000_NextIndexes")]
public sealed class NextIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP INDEX ix_items_project_status_shuffle");
        migrationBuilder.Sql("DROP INDEX ix_items_project_status_priority");
        // The expression must stay identical to ItemOrder.ShuffleKey for the planner to use it.
        migrationBuilder.Sql($"CREATE INDEX ix_items_open_shuffle ON items (project_id, ({ItemOrder.ShuffleKey("id")})) WHERE status = '{ItemStatus.New}'");
        // SQLite puts NULLs below every number, so DESC already serves unscored items last; PostgreSQL must be told.
        migrationBuilder.Sql(migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL"
            ? $"CREATE INDEX ix_items_open_priority ON items (project_id, priority DESC NULLS LAST, id) WHERE status = '{ItemStatus.New}'"
            : $"CREATE INDEX ix_items_open_priority ON items (project_id, priority DESC, id) WHERE status = '{ItemStatus.New}'");
        migrationBuilder.Sql(
            "CREATE INDEX ix_assignments_exam_or_gold ON assignments (project_id, user_name, is_exam, is_gold) WHERE is_exam = TRUE OR is_gold = TRUE");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP INDEX ix_assignments_exam_or_gold");
        migrationBuilder.Sql("DROP INDEX ix_items_open_priority");
        migrationBuilder.Sql("DROP INDEX ix_items_open_shuffle");
        migrationBuilder.Sql($"CREATE INDEX ix_items_project_status_shuffle ON items (project_id, status, ({ItemOrder.ShuffleKey("id")}))");
        migrationBuilder.Sql(migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL"
            ? "CREATE INDEX ix_items_project_status_priority ON items (project_id, status, priority DESC NULLS LAST, id)"
            : "CREATE INDEX ix_items_project_status_priority ON items (project_id, status, priority DESC, id)");
    }
}
