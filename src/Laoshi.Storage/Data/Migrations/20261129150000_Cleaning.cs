using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>
/// Cleaning: each pass over a project (its options and report), the duplicate clusters it found for a person to
/// resolve, and every change it made to an item with the value before and after, so each one can be undone.
/// </summary>
[DbContext(typeof(LaoshiDbContext))]
[Migration("20261129150000_Cleaning")]
public sealed class Cleaning : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "cleaning_runs",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                options = table.Column<string>(nullable: false),
                report = table.Column<string>(nullable: true),
                dry_run = table.Column<bool>(nullable: false),
                job_id = table.Column<long>(nullable: true),
                created_by = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
                finished_at = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_cleaning_runs", x => x.id);
                table.ForeignKey("fk_cleaning_runs_projects", x => x.project_id, "projects", "id");
            });
        migrationBuilder.CreateIndex("ix_cleaning_runs_project_id", "cleaning_runs", ["project_id", "id"]);

        // A cluster keeps its member ids as a JSON array: it is read and resolved as a whole, never joined on.
        migrationBuilder.CreateTable(
            name: "cleaning_clusters",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                run_id = table.Column<long>(nullable: false),
                kind = table.Column<string>(nullable: false),
                similarity = table.Column<double>(nullable: false),
                items = table.Column<string>(nullable: false),
                status = table.Column<string>(nullable: false),
                kept_item_id = table.Column<long>(nullable: true),
                resolved_by = table.Column<string>(nullable: true),
                resolved_at = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_cleaning_clusters", x => x.id);
                table.ForeignKey("fk_cleaning_clusters_runs", x => x.run_id, "cleaning_runs", "id");
            });
        migrationBuilder.CreateIndex("ix_cleaning_clusters_project_status", "cleaning_clusters", ["project_id", "status", "id"]);
        migrationBuilder.CreateIndex("ix_cleaning_clusters_run", "cleaning_clusters", ["run_id", "id"]);

        // Append-only but for the undo columns: the value before and after stays, so nothing a change replaced is lost.
        migrationBuilder.CreateTable(
            name: "cleaning_changes",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                item_id = table.Column<long>(nullable: false),
                run_id = table.Column<long>(nullable: true),
                cluster_id = table.Column<long>(nullable: true),
                job_id = table.Column<long>(nullable: true),
                kind = table.Column<string>(nullable: false),
                before_value = table.Column<string>(nullable: false),
                after_value = table.Column<string>(nullable: false),
                detail = table.Column<string>(nullable: true),
                created_by = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
                undone_by = table.Column<string>(nullable: true),
                undone_at = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_cleaning_changes", x => x.id);
                table.ForeignKey("fk_cleaning_changes_items", x => x.item_id, "items", "id");
            });
        migrationBuilder.CreateIndex("ix_cleaning_changes_project_id", "cleaning_changes", ["project_id", "id"]);
        migrationBuilder.CreateIndex("ix_cleaning_changes_item", "cleaning_changes", ["item_id", "id"]);
        migrationBuilder.CreateIndex("ix_cleaning_changes_run", "cleaning_changes", ["run_id", "id"]);
        migrationBuilder.CreateIndex("ix_cleaning_changes_cluster", "cleaning_changes", ["cluster_id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "cleaning_changes", "cleaning_clusters", "cleaning_runs" })
            migrationBuilder.DropTable(table);
    }
}
