using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Laoshi.Storage.Data;

/// <summary>
/// The Laoshi database. The schema comes from the hand-written migrations in Data/Migrations; this model
/// only names the tables and keys so EF can read and write rows and run those migrations.
/// </summary>
public sealed class LaoshiDbContext(DbContextOptions<LaoshiDbContext> options) : DbContext(options)
{
    public DbSet<ProjectRow> Projects => Set<ProjectRow>();
    public DbSet<ItemRow> Items => Set<ItemRow>();
    public DbSet<AnnotationRow> Annotations => Set<AnnotationRow>();
    public DbSet<PredictionRow> Predictions => Set<PredictionRow>();
    public DbSet<ItemLabelRow> ItemLabels => Set<ItemLabelRow>();
    public DbSet<BlobRow> Blobs => Set<BlobRow>();
    public DbSet<SnapshotRow> Snapshots => Set<SnapshotRow>();
    public DbSet<SnapshotItemRow> SnapshotItems => Set<SnapshotItemRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ProjectRow>().ToTable("projects").HasIndex(p => p.Name).IsUnique();
        modelBuilder.Entity<ItemRow>().ToTable("items");
        modelBuilder.Entity<AnnotationRow>().ToTable("annotations");
        modelBuilder.Entity<PredictionRow>().ToTable("predictions");
        modelBuilder.Entity<ItemLabelRow>().ToTable("item_labels").HasKey(l => new { l.ItemId, l.Label });
        modelBuilder.Entity<BlobRow>().ToTable("blobs").HasKey(b => b.Hash);
        modelBuilder.Entity<SnapshotRow>().ToTable("snapshots");
        modelBuilder.Entity<SnapshotItemRow>().ToTable("snapshot_items");

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
            foreach (var property in entity.GetProperties())
                property.SetColumnName(SnakeCase(property.Name));
    }

    internal static string SnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) result.Append('_');
            result.Append(char.ToLowerInvariant(name[i]));
        }
        return result.ToString();
    }
}
