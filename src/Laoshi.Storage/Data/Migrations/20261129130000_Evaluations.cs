using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>
/// Algorithm testing: which snapshots are test sets, every evaluation of a model on one (kept for good, so a model's
/// figures can be followed over time), each item's outcome per control (for comparisons, flipped items and slices),
/// and the failing items someone sent back to review.
/// </summary>
[DbContext(typeof(LaoshiDbContext))]
[Migration("20261129130000_Evaluations")]
public sealed class Evaluations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // A mark on one snapshot version: a test set must stay exactly what it was, and a snapshot version is frozen.
        migrationBuilder.CreateTable(
            name: "test_snapshots",
            columns: table => new
            {
                snapshot_id = table.Column<long>(nullable: false),
                project_id = table.Column<long>(nullable: false),
                marked_by = table.Column<string>(nullable: false),
                marked_at = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_test_snapshots", x => x.snapshot_id);
                table.ForeignKey("fk_test_snapshots_snapshots", x => x.snapshot_id, "snapshots", "id");
            });
        migrationBuilder.CreateIndex("ix_test_snapshots_project", "test_snapshots", "project_id");

        // Written once, in one transaction, when the evaluation is complete: a crashed run leaves nothing half-done.
        migrationBuilder.CreateTable(
            name: "evaluations",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                snapshot_id = table.Column<long>(nullable: false),
                model = table.Column<string>(nullable: false),
                model_version = table.Column<string>(nullable: false),
                created_by = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
                duration_ms = table.Column<double>(nullable: false),
                item_count = table.Column<long>(nullable: false),
                summary = table.Column<string>(nullable: false),
                report = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_evaluations", x => x.id);
                table.ForeignKey("fk_evaluations_projects", x => x.project_id, "projects", "id");
                table.ForeignKey("fk_evaluations_snapshots", x => x.snapshot_id, "snapshots", "id");
            });
        migrationBuilder.CreateIndex("ix_evaluations_project_id", "evaluations", ["project_id", "id"]);
        migrationBuilder.CreateIndex("ix_evaluations_snapshot", "evaluations", ["snapshot_id", "id"]);

        // One row per item and control: what the truth and the model said and whether the model was right.
        migrationBuilder.CreateTable(
            name: "evaluation_items",
            columns: table => new
            {
                evaluation_id = table.Column<long>(nullable: false),
                control = table.Column<string>(nullable: false),
                item_id = table.Column<long>(nullable: false),
                correct = table.Column<bool>(nullable: false),
                score = table.Column<double>(nullable: false),
                confidence = table.Column<double>(nullable: true),
                truth = table.Column<string>(nullable: false),
                predicted = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_evaluation_items", x => new { x.evaluation_id, x.control, x.item_id });
                table.ForeignKey("fk_evaluation_items_evaluations", x => x.evaluation_id, "evaluations", "id");
            });

        migrationBuilder.CreateTable(
            name: "review_requests",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                item_id = table.Column<long>(nullable: false),
                evaluation_id = table.Column<long>(nullable: false),
                control = table.Column<string>(nullable: false),
                note = table.Column<string>(nullable: true),
                requested_by = table.Column<string>(nullable: false),
                requested_at = table.Column<long>(nullable: false),
                resolved_by = table.Column<string>(nullable: true),
                resolved_at = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_review_requests", x => x.id);
                table.ForeignKey("fk_review_requests_items", x => x.item_id, "items", "id");
                table.ForeignKey("fk_review_requests_evaluations", x => x.evaluation_id, "evaluations", "id");
            });
        // Sending the same failure twice asks once.
        migrationBuilder.CreateIndex("ix_review_requests_unique", "review_requests", ["evaluation_id", "control", "item_id"], unique: true);
        migrationBuilder.CreateIndex("ix_review_requests_project_open", "review_requests", ["project_id", "resolved_at", "id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "review_requests", "evaluation_items", "evaluations", "test_snapshots" })
            migrationBuilder.DropTable(table);
    }
}
