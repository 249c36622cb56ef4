using Laoshi.Evaluation.Behaviour;

namespace Laoshi.Evaluation.Tests.Behaviour;

/// <summary>The text changes themselves.</summary>
public sealed class PerturbationTests
{
    [Theory]
    [InlineData("Great film!", "Great film")]
    [InlineData("Great film", "Great film.")]
    [InlineData("很好看。", "很好看")]
    [InlineData("很好看", "很好看。")]
    public void Punctuation_is_dropped_or_added_in_the_texts_own_script(string text, string expected) =>
        Assert.Equal(expected, TextPerturber.Punctuation(text));

    [Theory]
    [InlineData("ABC 123!", "ＡＢＣ １２３！")]
    [InlineData("ＡＢＣ　１２３！", "ABC 123!")]
    [InlineData("价格：１００元", "价格:100元")]
    public void Width_turns_full_width_forms_half_and_ascii_full(string text, string expected) =>
        Assert.Equal(expected, TextPerturber.Width(text));

    [Fact]
    public void A_typo_swaps_neighbouring_characters_and_keeps_surrogate_pairs_whole()
    {
        var text = "a😀b";
        for (var seed = 0; seed < 20; seed++)
        {
            var typo = TextPerturber.Typos(text, 1, new Random(seed));
            Assert.Contains("😀", typo);
            Assert.Equal(text.Length, typo.Length);
            Assert.NotEqual(text, typo);
        }
    }

    [Fact]
    public void A_slot_used_twice_takes_one_value()
    {
        var texts = TemplateExpander.Expand(["{name} said {name} was {mood}."],
            new Dictionary<string, IReadOnlyList<string>> { ["name"] = ["Ann", "Bo"], ["mood"] = ["fine"] }, 100, new Random(1));

        Assert.Equal(["Ann said Ann was fine.", "Bo said Bo was fine."], texts);
    }
}
