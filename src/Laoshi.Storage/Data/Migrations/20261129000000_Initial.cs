using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>
/// The first schema. Written by hand for both providers: column types come from the CLR types (each provider
/// maps them), and identity columns carry both providers' annotations (each ignores the other's).
/// </summary>
[DbContext(typeof(LaoshiDbContext))]
[Migration("20261129000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "projects",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                name = table.Column<string>(nullable: false),
                schema_json = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_projects", x => x.id));
        migrationBuilder.CreateIndex("ix_projects_name", "projects", "name", unique: true);

        migrationBuilder.CreateTable(
            name: "items",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                data = table.Column<string>(nullable: false),
                status = table.Column<string>(nullable: false),
                annotation_count = table.Column<int>(nullable: false),
                lease_user = table.Column<string>(nullable: true),
                lease_until = table.Column<long>(nullable: true),
                created_at = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_items", x => x.id);
                table.ForeignKey("fk_items_projects", x => x.project_id, "projects", "id");
            });
        migrationBuilder.CreateIndex("ix_items_project_id", "items", ["project_id", "id"]);
        migrationBuilder.CreateIndex("ix_items_project_status", "items", ["project_id", "status", "id"]);
        migrationBuilder.CreateIndex("ix_items_project_lease_user", "items", ["project_id", "lease_user"]);

        migrationBuilder.CreateTable(
            name: "annotations",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                item_id = table.Column<long>(nullable: false),
                version = table.Column<int>(nullable: false),
                result = table.Column<string>(nullable: false),
                lead_time = table.Column<double>(nullable: true),
                created_by = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
                is_current = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_annotations", x => x.id);
                table.ForeignKey("fk_annotations_items", x => x.item_id, "items", "id");
            });
        migrationBuilder.CreateIndex("ix_annotations_project_item", "annotations", ["project_id", "item_id"]);
        migrationBuilder.CreateIndex("ix_annotations_item_user", "annotations", ["item_id", "created_by", "version"]);

        migrationBuilder.CreateTable(
            name: "predictions",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                item_id = table.Column<long>(nullable: false),
                model_version = table.Column<string>(nullable: false),
                score = table.Column<double>(nullable: true),
                result = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_predictions", x => x.id);
                table.ForeignKey("fk_predictions_items", x => x.item_id, "items", "id");
            });
        migrationBuilder.CreateIndex("ix_predictions_project_item", "predictions", ["project_id", "item_id"]);
        migrationBuilder.CreateIndex("ix_predictions_item", "predictions", ["item_id", "model_version"]);

        migrationBuilder.CreateTable(
            name: "item_labels",
            columns: table => new
            {
                project_id = table.Column<long>(nullable: false),
                item_id = table.Column<long>(nullable: false),
                label = table.Column<string>(nullable: false),
                count = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_item_labels", x => new { x.item_id, x.label });
                table.ForeignKey("fk_item_labels_items", x => x.item_id, "items", "id");
            });
        migrationBuilder.CreateIndex("ix_item_labels_project_label", "item_labels", ["project_id", "label", "item_id"]);

        migrationBuilder.CreateTable(
            name: "blobs",
            columns: table => new
            {
                hash = table.Column<string>(nullable: false),
                media_type = table.Column<string>(nullable: false),
                size = table.Column<long>(nullable: false),
                width = table.Column<int>(nullable: true),
                height = table.Column<int>(nullable: true),
                duration = table.Column<double>(nullable: true),
                original_name = table.Column<string>(nullable: true),
                created_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_blobs", x => x.hash));

        migrationBuilder.CreateTable(
            name: "snapshots",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                name = table.Column<string>(nullable: false),
                version = table.Column<int>(nullable: false),
                filter = table.Column<string>(nullable: true),
                created_at = table.Column<long>(nullable: false),
                item_count = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_snapshots", x => x.id);
                table.ForeignKey("fk_snapshots_projects", x => x.project_id, "projects", "id");
            });
        migrationBuilder.CreateIndex("ix_snapshots_project_name_version", "snapshots", ["project_id", "name", "version"], unique: true);

        migrationBuilder.CreateTable(
            name: "snapshot_items",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                snapshot_id = table.Column<long>(nullable: false),
                item_id = table.Column<long>(nullable: false),
                annotation_id = table.Column<long>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_snapshot_items", x => x.id);
                table.ForeignKey("fk_snapshot_items_snapshots", x => x.snapshot_id, "snapshots", "id");
            });
        migrationBuilder.CreateIndex("ix_snapshot_items_snapshot_item", "snapshot_items", ["snapshot_id", "item_id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "snapshot_items", "snapshots", "blobs", "item_labels", "predictions", "annotations", "items", "projects" })
            migrationBuilder.DropTable(table);
    }
}
