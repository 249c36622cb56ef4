using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>
/// Work distribution: per-project settings, one assignment row per (item, person) — the person's copy of the item,
/// leased, submitted or skipped — gold answers, exam results, and an index that walks a project's open items in a
/// shuffled order. Leases held in items.lease_user move into assignments.
/// </summary>
[DbContext(typeof(LaoshiDbContext))]
[Migration("20261129110000_Distribution")]
public sealed class Distribution : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "distribution_settings",
            columns: table => new
            {
                project_id = table.Column<long>(nullable: false),
                overlap = table.Column<int>(nullable: false),
                item_order = table.Column<string>(nullable: false),
                lease_seconds = table.Column<int>(nullable: false),
                gold_rate = table.Column<double>(nullable: false),
                exam_enabled = table.Column<bool>(nullable: false),
                exam_pass_score = table.Column<double>(nullable: false),
                updated_at = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_distribution_settings", x => x.project_id);
                table.ForeignKey("fk_distribution_settings_projects", x => x.project_id, "projects", "id");
            });

        migrationBuilder.CreateTable(
            name: "assignments",
            columns: table => new
            {
                item_id = table.Column<long>(nullable: false),
                user_name = table.Column<string>(nullable: false),
                project_id = table.Column<long>(nullable: false),
                state = table.Column<string>(nullable: false),
                leased_until = table.Column<long>(nullable: true),
                is_gold = table.Column<bool>(nullable: false),
                is_exam = table.Column<bool>(nullable: false),
                updated_at = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_assignments", x => new { x.item_id, x.user_name });
                table.ForeignKey("fk_assignments_items", x => x.item_id, "items", "id");
            });
        migrationBuilder.CreateIndex("ix_assignments_project_user_state", "assignments", ["project_id", "user_name", "state", "item_id"]);

        migrationBuilder.CreateTable(
            name: "gold_items",
            columns: table => new
            {
                item_id = table.Column<long>(nullable: false),
                project_id = table.Column<long>(nullable: false),
                result = table.Column<string>(nullable: false),
                in_exam = table.Column<bool>(nullable: false),
                created_by = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_gold_items", x => x.item_id);
                table.ForeignKey("fk_gold_items_items", x => x.item_id, "items", "id");
            });
        migrationBuilder.CreateIndex("ix_gold_items_project", "gold_items", ["project_id", "item_id"]);

        migrationBuilder.CreateTable(
            name: "exam_results",
            columns: table => new
            {
                project_id = table.Column<long>(nullable: false),
                user_name = table.Column<string>(nullable: false),
                score = table.Column<double>(nullable: false),
                passed = table.Column<bool>(nullable: false),
                correct = table.Column<int>(nullable: false),
                total = table.Column<int>(nullable: false),
                completed_at = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_exam_results", x => new { x.project_id, x.user_name });
                table.ForeignKey("fk_exam_results_projects", x => x.project_id, "projects", "id");
            });

        // Random order walks this index from a per-person starting point (see ItemOrder); the expression must stay
        // identical to ItemOrder.ShuffleKey for the planner to use it.
        migrationBuilder.Sql($"CREATE INDEX ix_items_project_status_shuffle ON items (project_id, status, ({ItemOrder.ShuffleKey("id")}))");

        migrationBuilder.Sql(
            "INSERT INTO assignments (item_id, user_name, project_id, state, leased_until, is_gold, is_exam, updated_at) " +
            $"SELECT id, lease_user, project_id, '{AssignmentStates.Leased}', lease_until, FALSE, FALSE, created_at FROM items " +
            "WHERE lease_user IS NOT NULL AND lease_until IS NOT NULL");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP INDEX ix_items_project_status_shuffle");
        foreach (var table in new[] { "exam_results", "gold_items", "assignments", "distribution_settings" })
            migrationBuilder.DropTable(table);
    }
}
