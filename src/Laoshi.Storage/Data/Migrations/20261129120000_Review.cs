using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>
/// Review and adjudication: reviewers' verdicts on annotation versions, the agreed answer of an item, the cached
/// per-item agreement the adjudication queue is sorted by, and each project's threshold. Snapshots also freeze
/// which agreed answer they took (snapshot_items.agreed_answer_id).
/// </summary>
[DbContext(typeof(LaoshiDbContext))]
[Migration("20261129120000_Review")]
public sealed class Review : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Append-only: one row per verdict; an annotation version is reviewed at most once (the unique index), so a
        // verdict is never silently replaced. A correction's new annotation version is correction_id.
        migrationBuilder.CreateTable(
            name: "reviews",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                item_id = table.Column<long>(nullable: false),
                annotation_id = table.Column<long>(nullable: false),
                annotator = table.Column<string>(nullable: false),
                reviewer = table.Column<string>(nullable: false),
                action = table.Column<string>(nullable: false),
                comment = table.Column<string>(nullable: true),
                correction_id = table.Column<long>(nullable: true),
                created_at = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_reviews", x => x.id);
                table.ForeignKey("fk_reviews_annotations", x => x.annotation_id, "annotations", "id");
            });
        migrationBuilder.CreateIndex("ix_reviews_annotation", "reviews", "annotation_id", unique: true);
        migrationBuilder.CreateIndex("ix_reviews_correction", "reviews", "correction_id");
        migrationBuilder.CreateIndex("ix_reviews_project_annotator", "reviews", ["project_id", "annotator", "id"]);
        migrationBuilder.CreateIndex("ix_reviews_project_created", "reviews", ["project_id", "created_at"]);

        // Immutable versions of an item's agreed answer; the newest is current.
        migrationBuilder.CreateTable(
            name: "agreed_answers",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                project_id = table.Column<long>(nullable: false),
                item_id = table.Column<long>(nullable: false),
                result = table.Column<string>(nullable: false),
                source = table.Column<string>(nullable: false),
                source_annotation_id = table.Column<long>(nullable: true),
                answered_by = table.Column<string>(nullable: true),
                covers_annotation_id = table.Column<long>(nullable: false),
                set_by = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
                is_current = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_agreed_answers", x => x.id);
                table.ForeignKey("fk_agreed_answers_items", x => x.item_id, "items", "id");
            });
        migrationBuilder.CreateIndex("ix_agreed_answers_item_current", "agreed_answers", ["item_id", "is_current"]);
        migrationBuilder.CreateIndex("ix_agreed_answers_project_item", "agreed_answers", ["project_id", "item_id"]);

        // A cache, rebuilt from annotations and reviews whenever its fingerprint (newest current annotation id,
        // current count, rejected count) no longer matches; losing it loses nothing.
        migrationBuilder.CreateTable(
            name: "item_agreement",
            columns: table => new
            {
                item_id = table.Column<long>(nullable: false),
                project_id = table.Column<long>(nullable: false),
                agreement = table.Column<double>(nullable: false),
                people = table.Column<int>(nullable: false),
                answers = table.Column<int>(nullable: false),
                rejected = table.Column<int>(nullable: false),
                max_annotation_id = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_item_agreement", x => x.item_id);
                table.ForeignKey("fk_item_agreement_items", x => x.item_id, "items", "id");
            });
        migrationBuilder.CreateIndex("ix_item_agreement_project_agreement", "item_agreement", ["project_id", "agreement", "item_id"]);

        migrationBuilder.CreateTable(
            name: "review_settings",
            columns: table => new
            {
                project_id = table.Column<long>(nullable: false),
                agreement_threshold = table.Column<double>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_review_settings", x => x.project_id);
                table.ForeignKey("fk_review_settings_projects", x => x.project_id, "projects", "id");
            });

        migrationBuilder.AddColumn<long>("agreed_answer_id", "snapshot_items", nullable: true);

        // The review queue walks a project's annotations in id order.
        migrationBuilder.CreateIndex("ix_annotations_project_id", "annotations", ["project_id", "id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_annotations_project_id", "annotations");
        migrationBuilder.DropColumn("agreed_answer_id", "snapshot_items");
        foreach (var table in new[] { "review_settings", "item_agreement", "agreed_answers", "reviews" })
            migrationBuilder.DropTable(table);
    }
}
