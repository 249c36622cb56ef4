using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Learning.Training;

namespace Laoshi.Learning.Tests;

public sealed class ParameterValuesTests
{
    private static readonly IReadOnlyList<TrainerParameter> Declared =
    [
        new("epochs", ParameterTypes.Int, 20, "passes", 1, 50),
        new("l2", ParameterTypes.Float, 1, "penalty", 0, 10),
        new("learner", ParameterTypes.Choice, "linear", "learner", Choices: ["linear", "lightgbm"]),
        new("averaged", ParameterTypes.Bool, true, "average"),
    ];

    [Fact]
    public void Whole_number_defaults_and_given_values_read_back_as_numbers()
    {
        var defaults = ParameterValues.Defaults(Declared);
        Assert.Equal(20, defaults.Int("epochs"));
        Assert.Equal(1.0, defaults.Float("l2"));

        var given = ParameterValues.Parse(["epochs=7", "l2=0.5", "learner=lightgbm", "averaged=false"], Declared);
        Assert.Equal(7, given.Int("epochs"));
        Assert.Equal(0.5, given.Float("l2"));
        Assert.Equal("lightgbm", given.Choice("learner"));
        Assert.False(given.Bool("averaged"));

        var trial = given.With(new JsonObject { ["epochs"] = 3 }, Declared);
        Assert.Equal(3, trial.Int("epochs"));
    }

    [Theory]
    [InlineData("epochs=0", "epochs")]
    [InlineData("epochs=2.5", "epochs")]
    [InlineData("l2=abc", "l2")]
    [InlineData("learner=svm", "learner")]
    [InlineData("depth=3", "depth")]
    public void A_bad_value_is_an_error_naming_the_parameter(string pair, string field)
    {
        var error = Assert.Throws<BadInputException>(() => ParameterValues.Parse([pair], Declared));
        Assert.Equal(field, error.Errors[0].Field);
    }
}
