using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Laoshi.Storage.Data.Migrations;

/// <summary>Column shapes the hand-written migrations share.</summary>
internal static class MigrationColumns
{
    /// <summary>An identity key: it carries both providers' annotations, and each provider ignores the other's.</summary>
    public static OperationBuilder<AddColumnOperation> Identity(ColumnsBuilder table) =>
        table.Column<long>(nullable: false)
            .Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);
}
