namespace Laoshi.Cleaning.Tests;

public sealed class ChineseScriptTests
{
    [Theory]
    [InlineData("後來頭髮乾了", "后来头发干了")]
    [InlineData("臺灣的電腦軟體", "台湾的电脑软体")]
    [InlineData("關於愛與憂鬱", "关于爱与忧郁")]
    [InlineData("老闆說這個東西很貴", "老板说这个东西很贵")]
    [InlineData("English 123 stays", "English 123 stays")]
    public void To_simplified(string traditional, string simplified) =>
        Assert.Equal(simplified, ChineseScript.ToSimplified(traditional));

    [Theory]
    [InlineData("头发", "頭髮")]
    [InlineData("发现", "發現")]
    [InlineData("后来", "後來")]
    [InlineData("皇后", "皇后")]
    [InlineData("这是一个测试", "這是一個測試")]
    public void To_traditional_picks_by_phrase_where_one_character_has_several(string simplified, string traditional) =>
        Assert.Equal(traditional, ChineseScript.ToTraditional(simplified));

    [Fact]
    public void Round_trip_of_common_text_is_stable()
    {
        const string text = "我们今天在会议室讨论了数据清洗的问题，发现很多重复的句子。";
        Assert.Equal(text, ChineseScript.ToSimplified(ChineseScript.ToTraditional(text)));
    }

    [Fact]
    public void Text_with_nothing_to_convert_is_returned_as_is()
    {
        const string text = "nothing here 你好";
        Assert.Same(text, ChineseScript.ToSimplified(text));
    }

    [Fact]
    public void Characters_outside_the_basic_plane_survive()
    {
        Assert.Equal("𠀀后😀", ChineseScript.ToSimplified("𠀀後😀"));
    }
}
