using Microsoft.ML;
using Microsoft.ML.Transforms.Text;

namespace Laoshi.Learning.Trainers.TextNgram;

/// <summary>
/// Builds the ML.NET text featuriser: lower-cased text, word n-grams and character n-grams of every length up to the
/// settings' longest, weighted and concatenated; n-grams found in fewer than min_count training texts are dropped (they
/// cannot generalise, and trees slow down badly on hundreds of thousands of them); then the vector is scaled to unit
/// length, so long and short texts weigh alike.
/// </summary>
internal static class NgramFeaturizer
{
    public static IEstimator<ITransformer> Create(MLContext ml, TextNgramSettings settings)
    {
        var weighting = settings.Weighting == "tf"
            ? NgramExtractingEstimator.WeightingCriteria.Tf
            : NgramExtractingEstimator.WeightingCriteria.TfIdf;
        var options = new TextFeaturizingEstimator.Options
        {
            CaseMode = TextNormalizingEstimator.CaseMode.Lower,
            KeepDiacritics = true,
            KeepPunctuations = true,
            KeepNumbers = true,
            Norm = TextFeaturizingEstimator.NormFunction.None,
            WordFeatureExtractor = settings.WordNgrams > 0
                ? new WordBagEstimator.Options { NgramLength = settings.WordNgrams, UseAllLengths = true, Weighting = weighting }
                : null,
            CharFeatureExtractor = settings.CharNgrams > 0
                ? new WordBagEstimator.Options { NgramLength = settings.CharNgrams, UseAllLengths = true, Weighting = weighting }
                : null,
        };
        return ml.Transforms.Text.FeaturizeText(NgramColumns.Features, options, NgramColumns.Text)
            .Append(ml.Transforms.FeatureSelection.SelectFeaturesBasedOnCount(NgramColumns.Features, count: settings.MinCount))
            .Append(ml.Transforms.NormalizeLpNorm(NgramColumns.Features));
    }
}
