using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>
/// People and access: accounts, project memberships, API tokens (stored hashed) and the append-only audit log.
/// Hand-written for both providers like the first migration.
/// </summary>
[DbContext(typeof(LaoshiDbContext))]
[Migration("20261129100000_Accounts")]
public sealed class Accounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "users",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                email = table.Column<string>(nullable: false),
                // The email folded to lower case: uniqueness and look-ups ignore case on both providers.
                email_key = table.Column<string>(nullable: false),
                display_name = table.Column<string>(nullable: false),
                password_hash = table.Column<string>(nullable: false),
                is_admin = table.Column<bool>(nullable: false),
                failed_attempts = table.Column<int>(nullable: false),
                locked_until = table.Column<long>(nullable: true),
                created_at = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_users", x => x.id));
        migrationBuilder.CreateIndex("ix_users_email_key", "users", "email_key", unique: true);

        migrationBuilder.CreateTable(
            name: "memberships",
            columns: table => new
            {
                project_id = table.Column<long>(nullable: false),
                user_id = table.Column<long>(nullable: false),
                role = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_memberships", x => new { x.project_id, x.user_id });
                table.ForeignKey("fk_memberships_projects", x => x.project_id, "projects", "id");
                table.ForeignKey("fk_memberships_users", x => x.user_id, "users", "id");
            });
        migrationBuilder.CreateIndex("ix_memberships_user", "memberships", ["user_id", "project_id"]);

        migrationBuilder.CreateTable(
            name: "api_tokens",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                user_id = table.Column<long>(nullable: false),
                name = table.Column<string>(nullable: false),
                token_hash = table.Column<string>(nullable: false),
                created_at = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("pk_api_tokens", x => x.id);
                table.ForeignKey("fk_api_tokens_users", x => x.user_id, "users", "id");
            });
        migrationBuilder.CreateIndex("ix_api_tokens_hash", "api_tokens", "token_hash", unique: true);
        migrationBuilder.CreateIndex("ix_api_tokens_user", "api_tokens", "user_id");

        migrationBuilder.CreateTable(
            name: "audit_log",
            columns: table => new
            {
                id = MigrationColumns.Identity(table),
                at = table.Column<long>(nullable: false),
                actor = table.Column<string>(nullable: true),
                ip = table.Column<string>(nullable: true),
                action = table.Column<string>(nullable: false),
                project_id = table.Column<long>(nullable: true),
                item_id = table.Column<long>(nullable: true),
                target = table.Column<string>(nullable: true),
                detail = table.Column<string>(nullable: true),
            },
            constraints: table => table.PrimaryKey("pk_audit_log", x => x.id));
        migrationBuilder.CreateIndex("ix_audit_log_project", "audit_log", ["project_id", "id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var table in new[] { "audit_log", "api_tokens", "memberships", "users" })
            migrationBuilder.DropTable(table);
    }
}
