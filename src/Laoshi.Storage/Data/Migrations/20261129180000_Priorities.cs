using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>
/// Active learning in the annotation queue: each item may carry a priority (a model's uncertainty about it, or how far
/// it lies from what is labelled), which the active-learning orders serve highest first; the share of a person's items
/// served at random instead; and when, with what, the queue was last scored. The index walks a project's open items
/// by priority, highest first and unscored items last, as both databases sort them.
/// </summary>
[DbContext(typeof(LaoshiDbContext))]
[Migration("20261129180000_Priorities")]
public sealed class Priorities : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<double>(name: "priority", table: "items", nullable: true);
        migrationBuilder.AddColumn<double>(name: "random_share", table: "distribution_settings", nullable: false, defaultValue: 0.0);

        migrationBuilder.CreateTable(
            name: "queue_scorings",
            columns: table => new
            {
                project_id = table.Column<long>(nullable: false),
                strategy = table.Column<string>(nullable: false),
                model = table.Column<string>(nullable: false),
                items = table.Column<long>(nullable: false),
                scored_by = table.Column<string>(nullable: false),
                scored_at = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_queue_scorings", x => x.project_id);
                table.ForeignKey("fk_queue_scorings_projects", x => x.project_id, "projects", "id");
            });

        // SQLite puts NULLs below every number, so DESC already serves unscored items last; PostgreSQL must be told.
        migrationBuilder.Sql(migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL"
            ? "CREATE INDEX ix_items_project_status_priority ON items (project_id, status, priority DESC NULLS LAST, id)"
            : "CREATE INDEX ix_items_project_status_priority ON items (project_id, status, priority DESC, id)");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("DROP INDEX ix_items_project_status_priority");
        migrationBuilder.DropTable("queue_scorings");
        migrationBuilder.DropColumn("random_share", "distribution_settings");
        migrationBuilder.DropColumn("priority", "items");
    }
}
