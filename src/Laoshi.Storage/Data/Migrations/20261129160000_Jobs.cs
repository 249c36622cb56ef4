using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>
/// The job queue: background work (evaluations, cleaning passes, training) kept in the database so that every server
/// process sharing it can claim, run, watch and cancel it. A running job is held by a lease its owner renews (the
/// heartbeat); a job whose lease ran out belongs to a process that died and is queued again or failed.
/// Hand-written for both providers like the first migration.
/// </summary>
[DbContext(typeof(LaoshiDbContext))]
[Migration("20261129160000_Jobs")]
public sealed class Jobs : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "jobs",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                // Null for work that belongs to no project (server-wide maintenance).
                project_id = table.Column<long>(nullable: true),
                kind = table.Column<string>(nullable: false),
                parameters = table.Column<string>(nullable: false),
                created_by = table.Column<string>(nullable: false),
                // queued | running | succeeded | failed | cancelled
                state = table.Column<string>(nullable: false),
                // Runs started so far, and how many a crash may use up before the job fails instead of running again.
                attempts = table.Column<int>(nullable: false),
                max_attempts = table.Column<int>(nullable: false),
                // The process that holds a running job, and until when its lease lasts without a heartbeat.
                owner = table.Column<string>(nullable: true),
                lease_until = table.Column<long>(nullable: true),
                cancel_requested = table.Column<bool>(nullable: false),
                progress = table.Column<double>(nullable: false),
                message = table.Column<string>(nullable: true),
                result = table.Column<string>(nullable: true),
                error = table.Column<string>(nullable: true),
                created_at = table.Column<long>(nullable: false),
                started_at = table.Column<long>(nullable: true),
                heartbeat_at = table.Column<long>(nullable: true),
                finished_at = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_jobs", x => x.id);
                table.ForeignKey("fk_jobs_projects", x => x.project_id, "projects", "id");
            });
        // Claiming looks for the oldest queued job, and for running jobs whose lease ran out.
        migrationBuilder.CreateIndex("ix_jobs_state", "jobs", ["state", "id"]);
        migrationBuilder.CreateIndex("ix_jobs_project", "jobs", ["project_id", "id"]);

        migrationBuilder.CreateTable(
            name: "job_logs",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                job_id = table.Column<long>(nullable: false),
                attempt = table.Column<int>(nullable: false),
                at = table.Column<long>(nullable: false),
                line = table.Column<string>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_job_logs", x => x.id);
                table.ForeignKey("fk_job_logs_jobs", x => x.job_id, "jobs", "id");
            });
        migrationBuilder.CreateIndex("ix_job_logs_job", "job_logs", ["job_id", "id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("job_logs");
        migrationBuilder.DropTable("jobs");
    }
}
