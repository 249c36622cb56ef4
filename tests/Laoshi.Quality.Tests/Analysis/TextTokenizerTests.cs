using Laoshi.Quality.Analysis;

namespace Laoshi.Quality.Tests.Analysis;

public sealed class TextTokenizerTests
{
    [Fact]
    public void Chinese_runs_give_characters_and_character_pairs()
    {
        var terms = new TextTokenizer().Terms("我爱北京");
        Assert.Equal(["我", "爱", "北", "京", "我爱", "爱北", "北京"], terms);
    }

    [Fact]
    public void Latin_words_are_lower_cased_and_split_on_punctuation()
    {
        Assert.Equal(["the", "movie", "was", "great", "10", "10"], new TextTokenizer().Terms("The movie was GREAT! 10/10"));
    }

    [Fact]
    public void Mixed_text_keeps_words_and_chinese_runs_apart()
    {
        var terms = new TextTokenizer(cjkMaxN: 1).Terms("iPhone手机，很好用");
        Assert.Equal(["iphone", "手", "机", "很", "好", "用"], terms);
    }

    [Fact]
    public void Full_width_letters_and_digits_count_as_ordinary_ones()
    {
        // NFKC: ＡＢＣ１２３ is ABC123, so the same word however it was typed.
        Assert.Equal(["abc123"], new TextTokenizer().Terms("ＡＢＣ１２３"));
    }

    [Fact]
    public void Trigrams_when_asked_and_nothing_from_an_empty_text()
    {
        Assert.Contains("北京市", new TextTokenizer(cjkMaxN: 3).Terms("北京市"));
        Assert.Empty(new TextTokenizer().Terms("  ，。!  "));
    }
}
