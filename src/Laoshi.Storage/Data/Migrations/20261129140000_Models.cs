using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>
/// The model registry: every uploaded, connected or trained model is a numbered version of a name within a project,
/// with its kind, its settings (labels, input, NMS), its stage (candidate, production, archived), the per-class
/// thresholds the user trusts, where it lives (a blob for files, a URL for backends) and its lineage (snapshot, run).
/// </summary>
[DbContext(typeof(LaoshiDbContext))]
[Migration("20261129140000_Models")]
public sealed class Models : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "model_versions",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                name = table.Column<string>(nullable: false),
                version = table.Column<int>(nullable: false),
                kind = table.Column<string>(nullable: false),
                stage = table.Column<string>(nullable: false),
                settings = table.Column<string>(nullable: false),
                thresholds = table.Column<string>(nullable: false),
                blob_hash = table.Column<string>(nullable: true),
                url = table.Column<string>(nullable: true),
                snapshot = table.Column<string>(nullable: true),
                run_id = table.Column<long>(nullable: true),
                description = table.Column<string>(nullable: true),
                created_by = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
                stage_changed_at = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_model_versions", x => x.id);
                table.ForeignKey("fk_model_versions_projects", x => x.project_id, "projects", "id");
            });
        // One version number per name; two uploads racing for the same number fail one of them instead of sharing it.
        migrationBuilder.CreateIndex("ix_model_versions_project_name_version", "model_versions", ["project_id", "name", "version"], unique: true);
        migrationBuilder.CreateIndex("ix_model_versions_project_stage", "model_versions", ["project_id", "stage"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable("model_versions");
}
