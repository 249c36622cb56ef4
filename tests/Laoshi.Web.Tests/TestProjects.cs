using System.Text.Json.Nodes;

namespace Laoshi.Web.Tests;

/// <summary>Small projects the tests create through the API, reusing the demo's stored media.</summary>
public static class TestProjects
{
    public const string BoxConfig = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="furniture" toName="image">
            <Label value="sofa" hotkey="1"/>
            <Label value="lamp" hotkey="2"/>
          </RectangleLabels>
        </View>
        """;

    public const string PolygonConfig = """
        <View>
          <Image name="image" value="$image"/>
          <PolygonLabels name="outline" toName="image">
            <Label value="window"/>
            <Label value="door"/>
          </PolygonLabels>
        </View>
        """;

    public const string TextConfig = """
        <View>
          <Text name="text" value="$text"/>
          <Choices name="emotion" toName="text" choice="single">
            <Choice value="joy" hotkey="j"/>
            <Choice value="sadness" hotkey="s"/>
          </Choices>
          <Labels name="entities" toName="text">
            <Label value="PER" hotkey="p"/>
            <Label value="LOC" hotkey="l"/>
          </Labels>
        </View>
        """;

    public const string AudioConfig = """
        <View>
          <Audio name="audio" value="$audio"/>
          <Labels name="segment" toName="audio">
            <Label value="digits"/>
            <Label value="noise"/>
          </Labels>
        </View>
        """;

    public static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    /// <summary>A project of <paramref name="count"/> items, each showing the first demo room picture.</summary>
    public static async Task<string> ImagesAsync(LaoshiApi api, string prefix, string config, int count, CancellationToken ct,
        Func<int, JsonObject?>? predictions = null)
    {
        var image = (await api.FirstItemDataAsync(Laoshi.Server.Demo.DemoBuilder.ImagesProject, ct))["image"]!.GetValue<string>();
        var name = UniqueName(prefix);
        await api.CreateProjectAsync(name, config, ct);
        await api.ImportAsync(name, Enumerable.Range(0, count).Select(i =>
        {
            var task = new JsonObject { ["data"] = new JsonObject { ["image"] = image } };
            if (predictions?.Invoke(i) is { } prediction) task["predictions"] = new JsonArray(prediction);
            return task;
        }), ct);
        return name;
    }
}
