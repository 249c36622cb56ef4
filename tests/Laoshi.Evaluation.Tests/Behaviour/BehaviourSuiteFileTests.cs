using Laoshi.Core.Errors;
using Laoshi.Evaluation.Behaviour;

namespace Laoshi.Evaluation.Tests.Behaviour;

/// <summary>Suite files: the JSON shape, and mistakes reported by file, JSON path and field.</summary>
public sealed class BehaviourSuiteFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("laoshi-suite-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_folder, "suite.json");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_suite_file_reads_every_kind_of_test()
    {
        var path = Write("""
            {"name": "sentiment", "seed": 3, "synonyms": {"good": ["great"]},
             "tests": [
               {"name": "negation", "type": "mft", "template": "not {w}", "slots": {"w": ["good", "great"]}, "expect": "negative"},
               {"name": "typos", "type": "inv", "texts": ["good"], "perturbation": {"kind": "typos", "count": 2, "copies": 3}},
               {"name": "width", "type": "inv", "texts": ["good"], "perturbation": "width"},
               {"name": "praise", "type": "dir", "texts": ["ok"], "perturbation": {"kind": "append", "add": [" great"]},
                "label": "positive", "direction": "up", "tolerance": 0.1}]}
            """);

        var suite = await BehaviourSuiteFile.ReadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal("sentiment", suite.Name);
        Assert.Equal(3, suite.Seed);
        Assert.Equal([BehaviourTestKind.Mft, BehaviourTestKind.Inv, BehaviourTestKind.Inv, BehaviourTestKind.Dir], suite.Tests.Select(t => t.Kind));
        Assert.Equal(new Perturbation(PerturbationKind.Typos, 2, 3, []), suite.Tests[1].Perturbation! with { Additions = [] });
        Assert.Equal(PerturbationKind.Width, suite.Tests[2].Perturbation!.Kind);
        Assert.Equal(0.1, suite.Tests[3].Tolerance);
        Assert.Equal([" great"], suite.Tests[3].Perturbation!.Additions!);
    }

    [Fact]
    public async Task Each_mistake_names_the_file_the_test_and_the_field()
    {
        var path = Write("""
            {"tests": [
               {"name": "a", "type": "mft", "template": "I {verb} it", "slots": {}, "expect": "x"},
               {"name": "b", "type": "mft", "texts": ["t"]},
               {"name": "c", "type": "maybe", "texts": ["t"]},
               {"name": "d", "type": "inv", "texts": ["t"], "perturbation": "shout"},
               {"name": "e", "type": "dir", "texts": ["t"], "perturbation": "typos"}]}
            """);

        var error = await Assert.ThrowsAsync<BadInputException>(() => BehaviourSuiteFile.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(
            [("$.tests[0]", "slots"), ("$.tests[1]", "expect"), ("$.tests[2]", "type"), ("$.tests[3].perturbation", "kind"), ("$.tests[4]", "label")],
            error.Errors.Select(e => (e.Path!, e.Field!)));
        Assert.All(error.Errors, e => Assert.Equal(path, e.File));
        Assert.Contains("{verb}", error.Errors[0].Message);
    }

    [Fact]
    public async Task Broken_json_names_the_line()
    {
        var path = Write("{\"tests\": [\n  {\"name\": \"a\",, }]}");

        var error = await Assert.ThrowsAsync<BadInputException>(() => BehaviourSuiteFile.ReadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(2, Assert.Single(error.Errors).Line);
    }
}
