using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>
/// Training runs: which trainer learnt from which snapshot version with which parameters and seed, the search that
/// chose them (method, budget, every trial), the held-out metrics and learning curve, how long it took, how it ended,
/// the model version it registered and the earlier run it is compared with. JSON columns are text in both databases.
/// </summary>
[DbContext(typeof(LaoshiDbContext))]
[Migration("20261129170000_Runs")]
public sealed class Runs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "training_runs",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                trainer = table.Column<string>(nullable: false),
                task = table.Column<string>(nullable: false),
                parameters = table.Column<string>(nullable: false),
                snapshot_id = table.Column<long>(nullable: false),
                seed = table.Column<int>(nullable: false),
                test_share = table.Column<double>(nullable: false),
                // {"method","budget_seconds","folds","trials","best_params","best_score","metric"}; null without a search.
                search = table.Column<string>(nullable: true),
                // The search's trial table, a JSON array (can be long, so lists leave it out).
                trials = table.Column<string>(nullable: true),
                metrics = table.Column<string>(nullable: false),
                curve = table.Column<string>(nullable: true),
                duration_ms = table.Column<double>(nullable: false),
                // running | succeeded | failed | cancelled
                status = table.Column<string>(nullable: false),
                error = table.Column<string>(nullable: true),
                model_name = table.Column<string>(nullable: true),
                model_version = table.Column<int>(nullable: true),
                compared_with = table.Column<long>(nullable: true),
                // The job that runs it: a job started again after a crash finds its run instead of making another.
                job_id = table.Column<long>(nullable: true),
                created_by = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
                finished_at = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_training_runs", x => x.id);
                table.ForeignKey("fk_training_runs_projects", x => x.project_id, "projects", "id");
                table.ForeignKey("fk_training_runs_snapshots", x => x.snapshot_id, "snapshots", "id");
            });
        migrationBuilder.CreateIndex("ix_training_runs_project", "training_runs", ["project_id", "id"]);
        migrationBuilder.CreateIndex("ix_training_runs_snapshot", "training_runs", ["snapshot_id", "status", "id"]);
        migrationBuilder.CreateIndex("ix_training_runs_job", "training_runs", ["job_id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("training_runs");
}
