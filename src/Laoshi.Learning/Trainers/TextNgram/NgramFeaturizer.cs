using Microsoft.ML;
using Microsoft.ML.Transforms.Text;

namespace Laoshi.Learning.Trainers.TextNgram;

/// <summary>
/// Builds the ML.NET text featuriser: lower-cased text, word n-grams and character n-grams of every length up to the
/// settings' longest, weighted, concatenated and scaled to unit length (so long and short texts weigh alike).
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
            Norm = TextFeaturizingEstimator.NormFunction.L2,
            WordFeatureExtractor = settings.WordNgrams > 0
                ? new WordBagEstimator.Options { NgramLength = settings.WordNgrams, UseAllLengths = true, Weighting = weighting }
                : null,
            CharFeatureExtractor = settings.CharNgrams > 0
                ? new WordBagEstimator.Options { NgramLength = settings.CharNgrams, UseAllLengths = true, Weighting = weighting }
                : null,
        };
        return ml.Transforms.Text.FeaturizeText(NgramColumns.Features, options, NgramColumns.Text);
    }
}
