namespace Laoshi.Cleaning.Tests;

public sealed class PiiMaskerTests
{
    private const string Text = "手机13812345678，邮箱zhang@example.com，卡6222021234567890128，IP 192.168.1.10";

    [Fact]
    public void Partial_keeps_what_tells_items_apart_and_hides_the_rest()
    {
        Assert.Equal("手机138****5678，邮箱z***@example.com，卡***************0128，IP 192.***.*.**", PiiMasker.Mask(Text));
    }

    [Fact]
    public void Full_keeps_length_and_separators()
    {
        var masked = PiiMasker.Mask("call +86 138 1234 5678", PiiMaskStyle.Full);
        Assert.Equal("call +** *** **** ****", masked);
    }

    [Fact]
    public void Label_names_the_kind()
    {
        Assert.Equal("手机[PHONE]，邮箱[EMAIL]，卡[BANK_CARD]，IP [IP]", PiiMasker.Mask(Text, PiiMaskStyle.Label));
    }

    [Fact]
    public void Country_codes_stay_visible_in_partial_masks()
    {
        Assert.Equal("+86 138 **** 5678", PiiMasker.Mask("+86 138 1234 5678"));
    }

    [Fact]
    public void Text_without_personal_data_is_unchanged_and_the_original_is_untouched()
    {
        const string clean = "今天天气很好";
        Assert.Same(clean, PiiMasker.Mask(clean));
        var original = Text;
        _ = PiiMasker.Mask(original);
        Assert.Equal(Text, original);
    }
}
