using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>
/// Items a label-error search suspects go on the same review-request list as an evaluation's failures, so a reviewer
/// has one list to work through. Such a request comes from a "label-errors" job rather than an evaluation: the
/// evaluation becomes optional and the job is kept beside it. SQLite cannot drop a NOT NULL in place, so there the
/// table is rebuilt with its rows; PostgreSQL alters the column.
/// </summary>
[DbContext(typeof(LaoshiDbContext))]
[Migration("20261129190000_LabelErrorReviews")]
public sealed class LabelErrorReviews : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (migrationBuilder.IsSqlite())
        {
            migrationBuilder.Sql("""
                CREATE TABLE review_requests_rebuilt (
                    id INTEGER NOT NULL CONSTRAINT pk_review_requests PRIMARY KEY AUTOINCREMENT,
                    project_id INTEGER NOT NULL,
                    item_id INTEGER NOT NULL,
                    evaluation_id INTEGER NULL,
                    label_error_job INTEGER NULL,
                    control TEXT NOT NULL,
                    note TEXT NULL,
                    requested_by TEXT NOT NULL,
                    requested_at INTEGER NOT NULL,
                    resolved_by TEXT NULL,
                    resolved_at INTEGER NULL,
                    CONSTRAINT fk_review_requests_items FOREIGN KEY (item_id) REFERENCES items (id),
                    CONSTRAINT fk_review_requests_evaluations FOREIGN KEY (evaluation_id) REFERENCES evaluations (id)
                );
                """);
            migrationBuilder.Sql("""
                INSERT INTO review_requests_rebuilt (id, project_id, item_id, evaluation_id, control, note, requested_by, requested_at, resolved_by, resolved_at)
                SELECT id, project_id, item_id, evaluation_id, control, note, requested_by, requested_at, resolved_by, resolved_at FROM review_requests;
                """);
            migrationBuilder.Sql("DROP TABLE review_requests;");
            migrationBuilder.Sql("ALTER TABLE review_requests_rebuilt RENAME TO review_requests;");
            migrationBuilder.CreateIndex("ix_review_requests_unique", "review_requests", ["evaluation_id", "control", "item_id"], unique: true);
            migrationBuilder.CreateIndex("ix_review_requests_project_open", "review_requests", ["project_id", "resolved_at", "id"]);
        }
        else
        {
            migrationBuilder.Sql("ALTER TABLE review_requests ALTER COLUMN evaluation_id DROP NOT NULL;");
            migrationBuilder.AddColumn<long>("label_error_job", "review_requests", nullable: true);
        }
        // Sending the same suspect of one search twice asks once (evaluation requests leave this column empty).
        migrationBuilder.CreateIndex("ix_review_requests_label_errors", "review_requests", ["label_error_job", "item_id"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex("ix_review_requests_label_errors", "review_requests");
        migrationBuilder.Sql("DELETE FROM review_requests WHERE evaluation_id IS NULL;");
        migrationBuilder.DropColumn("label_error_job", "review_requests");
    }
}
