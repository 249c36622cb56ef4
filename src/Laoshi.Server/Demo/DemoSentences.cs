namespace Laoshi.Server.Demo;

/// <summary>A demo sentence with its emotion and its named entities (given by their surface text).</summary>
public sealed record DemoSentence(string Text, string Emotion, IReadOnlyList<(string Surface, string Label)> Entities, bool Annotated);

/// <summary>Sentences written for the demo, in Chinese and English; some arrive annotated, the rest are work to do.</summary>
public static class DemoSentences
{
    public static IReadOnlyList<DemoSentence> All { get; } =
    [
        new("李明今天在北京收到了华为的录用通知，高兴极了！", "joy", [("李明", "PER"), ("北京", "LOC"), ("华为", "ORG")], true),
        new("王芳的猫昨晚走丢了，她在上海找了一整夜。", "sadness", [("王芳", "PER"), ("上海", "LOC")], true),
        new("快递又被退回杭州，顺丰的客服一直不接电话，气死我了。", "anger", [("杭州", "LOC"), ("顺丰", "ORG")], true),
        new("深夜一个人走在成都的小巷里，总觉得有人跟着。", "fear", [("成都", "LOC")], true),
        new("没想到张伟在清华大学的讲座上遇到了小学同学！", "surprise", [("张伟", "PER"), ("清华大学", "ORG")], true),
        new("明天上午十点，腾讯会在深圳发布季度财报。", "neutral", [("腾讯", "ORG"), ("深圳", "LOC")], true),
        new("Maria finally got the keys to her flat in Lisbon today!", "joy", [("Maria", "PER"), ("Lisbon", "LOC")], true),
        new("The museum in Vienna closed for good, and Tom cried when he heard.", "sadness", [("Vienna", "LOC"), ("Tom", "PER")], true),
        new("Acme Bank charged me twice again and nobody answers the phone.", "anger", [("Acme Bank", "ORG")], true),
        new("The storm warning for Osaka made everyone nervous.", "fear", [("Osaka", "LOC")], true),
        new("Guess who turned up at the Berlin office: Priya, back from Nairobi!", "surprise", [("Berlin", "LOC"), ("Priya", "PER"), ("Nairobi", "LOC")], true),
        new("The United Nations meets in Geneva on Tuesday.", "neutral", [("United Nations", "ORG"), ("Geneva", "LOC")], true),
        new("陈静在广州开了一家花店，生意越来越好。", "joy", [("陈静", "PER"), ("广州", "LOC")], false),
        new("听说南京的老书店要拆了，心里空落落的。", "sadness", [("南京", "LOC")], false),
        new("物业第三次停水也不通知，业主们都很愤怒。", "anger", [], false),
        new("刘洋第一次坐飞机去西安，手心一直出汗。", "fear", [("刘洋", "PER"), ("西安", "LOC")], false),
        new("阿里巴巴居然在乌镇开了一家书店？", "surprise", [("阿里巴巴", "ORG"), ("乌镇", "LOC")], false),
        new("周五下午三点在武汉办公室开项目例会。", "neutral", [("武汉", "LOC")], false),
        new("Kenji won the chess tournament in Kyoto, his first title.", "joy", [("Kenji", "PER"), ("Kyoto", "LOC")], false),
        new("Our old dog Biscuit passed away this morning.", "sadness", [("Biscuit", "PER")], false),
        new("The airline lost my bag in Chicago and Delta still has no idea where it is.", "anger", [("Chicago", "LOC"), ("Delta", "ORG")], false),
        new("I heard footsteps upstairs, and I live alone.", "fear", [], false),
        new("Siemens announced it will open a lab in Chengdu, nobody saw that coming.", "surprise", [("Siemens", "ORG"), ("Chengdu", "LOC")], false),
        new("The library on Elm Street opens at nine.", "neutral", [("Elm Street", "LOC")], false),
        new("小雨和妈妈在厦门的海边放风筝，笑个不停。", "joy", [("小雨", "PER"), ("厦门", "LOC")], false),
        new("Anna missed the last train from Milan and had to wait until dawn.", "sadness", [("Anna", "PER"), ("Milan", "LOC")], false),
    ];
}
