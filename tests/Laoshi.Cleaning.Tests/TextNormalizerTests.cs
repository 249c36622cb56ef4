using Laoshi.Core.Errors;

namespace Laoshi.Cleaning.Tests;

public sealed class TextNormalizerTests
{
    [Fact]
    public void Width_turns_full_width_letters_digits_and_punctuation_half_width()
    {
        var normalizer = new TextNormalizer(new NormalizationOptions { Width = true });
        Assert.Equal("ABC 123!(x)", normalizer.Normalize("ＡＢＣ　１２３！（ｘ）"));
        // Chinese punctuation outside the full-width ASCII block (。、「」) is not width, and stays.
        Assert.Equal("你好,世界。「引号」", normalizer.Normalize("你好，世界。「引号」"));
    }

    [Fact]
    public void Nfkc_folds_compatibility_forms()
    {
        var normalizer = new TextNormalizer(new NormalizationOptions { Nfkc = true });
        Assert.Equal("fi 12 (一)→(一) A", normalizer.Normalize("ﬁ ⑫ ㈠→(一) Ａ"));
        Assert.Equal("é", normalizer.Normalize("e\u0301"));
    }

    [Fact]
    public void Traditional_to_simplified_uses_phrases_then_characters()
    {
        var normalizer = new TextNormalizer(new NormalizationOptions { TraditionalToSimplified = true });
        Assert.Equal("后来头发干了，软件很贵。", normalizer.Normalize("後來頭髮乾了，軟件很貴。"));
    }

    [Fact]
    public void Whitespace_collapses_runs_keeps_paragraphs_and_trims()
    {
        var normalizer = new TextNormalizer(new NormalizationOptions { Whitespace = true });
        Assert.Equal("a b\nc d", normalizer.Normalize("  a \t\u00A0 b \r\n\n  c\u3000d  "));
        Assert.Equal("", normalizer.Normalize(" \n\t "));
    }

    [Fact]
    public void Control_characters_and_invisible_marks_are_removed_but_layout_and_joiners_stay()
    {
        var normalizer = new TextNormalizer(new NormalizationOptions { ControlCharacters = true });
        Assert.Equal("ab\tc\nd👩\u200D💻", normalizer.Normalize("\uFEFFa\u200Bb\u0007\tc\nd\u00AD\u202E👩\u200D💻"));
    }

    [Fact]
    public void All_makes_texts_that_look_alike_equal()
    {
        var normalizer = new TextNormalizer(NormalizationOptions.All);
        var a = normalizer.Normalize("這是  一個測試ＡＢＣ１２３！");
        var b = normalizer.Normalize("\u200B这是 一个测试ABC123!");
        Assert.Equal(b, a);
        Assert.Equal("这是 一个测试ABC123!", a);
    }

    [Fact]
    public void Already_normal_text_comes_back_as_the_same_string()
    {
        var normalizer = new TextNormalizer(NormalizationOptions.All);
        var text = "plain text 普通文本";
        Assert.Same(text, normalizer.Normalize(text));
    }

    [Fact]
    public void Parse_reads_the_cli_list_and_names_an_unknown_step()
    {
        var options = NormalizationOptions.Parse("nfkc, width,t2s");
        Assert.True(options.Nfkc && options.Width && options.TraditionalToSimplified);
        Assert.False(options.Whitespace || options.ControlCharacters);
        Assert.Equal("nfkc,width,t2s", options.ToString());
        Assert.Equal(NormalizationOptions.All, NormalizationOptions.Parse("all"));
        var error = Assert.Throws<BadInputException>(() => NormalizationOptions.Parse("nfkc,s2t"));
        Assert.Contains("'s2t'", error.Message);
        Assert.Contains("t2s", error.Message);
        Assert.Equal("normalize", error.Errors[0].Field);
    }
}
