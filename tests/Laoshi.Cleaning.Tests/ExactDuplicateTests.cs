using System.Text;

namespace Laoshi.Cleaning.Tests;

public sealed class ExactDuplicateTests
{
    [Fact]
    public void Content_hash_is_the_blob_store_sha256()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.OfBytes("abc"u8));
        Assert.Equal(ContentHash.OfBytes(Encoding.UTF8.GetBytes("数据")), ContentHash.OfText("数据"));
    }

    [Fact]
    public async Task Stream_hash_equals_the_bytes_hash()
    {
        var bytes = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();
        using var stream = new MemoryStream(bytes);
        Assert.Equal(ContentHash.OfBytes(bytes), await ContentHash.OfStreamAsync(stream, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Texts_equal_after_normalisation_hash_equal()
    {
        var normalizer = new TextNormalizer(NormalizationOptions.All);
        Assert.Equal(ContentHash.OfText("這是測試！ ", normalizer), ContentHash.OfText("这是测试!", normalizer));
        Assert.NotEqual(ContentHash.OfText("這是測試！"), ContentHash.OfText("这是测试!"));
    }

    [Fact]
    public void Index_reports_the_first_item_and_counts_repeats()
    {
        var index = new ExactDuplicateIndex();
        Assert.Null(index.AddText("1", "你好，世界"));
        Assert.Null(index.AddText("2", "hello"));
        Assert.Equal("1", index.AddText("3", "你好,世界 "));
        Assert.Equal("1", index.AddText("4", "妳好，世界".Replace("妳", "你")));
        Assert.Equal("2", index.AddText("5", "hello"));
        Assert.Null(index.AddText("6", "Hello"));
        Assert.Equal(6, index.Count);
        Assert.Equal(3, index.DuplicateCount);
        Assert.Equal([["1", "3", "4"], ["2", "5"]], index.Groups().Select(g => g.ToArray()).ToArray());
    }

    [Fact]
    public void Index_takes_blob_hashes_and_bytes_alike()
    {
        var index = new ExactDuplicateIndex();
        Assert.Null(index.AddBytes("a", "png bytes"u8));
        Assert.Equal("a", index.AddHash("b", ContentHash.OfBytes("png bytes"u8)));
        Assert.Throws<ArgumentException>(() => index.AddHash("c", "not-a-hash"));
    }

    [Fact]
    public void Adding_many_texts_at_once_keeps_the_first_of_each_group()
    {
        var texts = Enumerable.Range(0, 10_000).Select(i => ($"{i}", $"文本 {i % 2_500}")).ToList();
        var index = new ExactDuplicateIndex();
        Assert.Equal(7_500, index.AddTexts(texts, TestContext.Current.CancellationToken));
        Assert.Equal(10_000, index.Count);
        var groups = index.Groups();
        Assert.Equal(2_500, groups.Count);
        Assert.All(groups, g => Assert.Equal(4, g.Count));
        Assert.Equal(["7", "2507", "5007", "7507"], groups.Single(g => g[0] == "7"));
    }
}
