using Laoshi.Formats.Folder;
using Laoshi.Formats.Tests.DatasetSupport;
using Laoshi.Formats.Tests.Support;
using static Laoshi.Formats.Tests.DatasetSupport.TestData;

namespace Laoshi.Formats.Tests.Folder;

public sealed class FolderReaderTests : IDisposable
{
    private readonly TempFolder folder = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Each_file_becomes_an_item_in_the_field_of_its_kind_and_bad_files_are_reported()
    {
        TestImages.Write(folder.File("photos/a.png"), 10, 10);
        TestImages.Write(folder.File("photos/deep/b.jpeg"), 10, 10, SkiaSharp.SKEncodedImageFormat.Jpeg);
        TestImages.WriteWav(folder.File("sounds/c.wav"), 8000, 1, 0.5);
        await File.WriteAllTextAsync(folder.File("notes/d.txt"), "沙发在客厅里。", Cancel);
        await File.WriteAllTextAsync(folder.File("notes/e.md"), "# Title", Cancel);
        await File.WriteAllBytesAsync(folder.File("other/f.bin"), [0, 1, 2, 3, 0xFF], Cancel);
        await File.WriteAllTextAsync(folder.File("other/g.json"), "{}", Cancel);
        var truncated = TestImages.Write(folder.File("photos/h.png"), 100, 100);
        await File.WriteAllBytesAsync(truncated, (await File.ReadAllBytesAsync(truncated, Cancel))[..60], Cancel);
        await File.WriteAllTextAsync(folder.File(".hidden/i.txt"), "secret", Cancel);

        var rows = await ReadAllAsync(new FolderReader(), new ImportSource("upload", folder.Path), MixedSchema());

        var items = Items(rows);
        Assert.Equal(["notes/d.txt", "notes/e.md", "photos/a.png", "photos/deep/b.jpeg", "sounds/c.wav"], items.Select(i => i.Where.File));
        Assert.Equal("沙发在客厅里。", items[0].Data["text"]!.GetValue<string>());
        Assert.Empty(items[0].Files);
        Assert.Equal("photos/a.png", items[2].Data["image"]!.GetValue<string>());
        Assert.Equal(Path.Combine(folder.Path, "photos", "a.png"), items[2].Files.Single().Path);
        Assert.Equal("audio", items[4].Files.Single().DataKey);

        var errors = Errors(rows);
        Assert.Equal(["other/f.bin", "other/g.json", "photos/h.png"], errors.Select(e => e.File));
        Assert.Contains("unsupported file type", errors[0].Message);
        Assert.Contains(".txt and .md", errors[1].Message);
        Assert.Contains("undecodable image", errors[2].Message);
    }

    [Fact]
    public async Task A_file_whose_kind_the_schema_lacks_is_reported()
    {
        TestImages.WriteWav(folder.File("c.wav"), 8000, 1, 0.1);

        var rows = await ReadAllAsync(new FolderReader(), new ImportSource("upload", folder.Path), DetectionSchema());

        Assert.Contains("no audio field", Errors(rows).Single().Message);
    }
}
