using System.IO.Compression;
using Laoshi.Learning.Trainers.Learners;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Laoshi.Learning.Trainers.AudioMfcc;

/// <summary>
/// An ML.NET classifier over fixed-length feature vectors that gives every class's probability. Single-label: one
/// multiclass model. Multi-label: one binary model per class (a class that every or no example carries gets its constant
/// rate instead, since a binary learner cannot learn from one side). Features are standardised inside the pipeline.
/// Training is single-threaded and seeded, so the same data and settings give the same model.
/// </summary>
public sealed class FeatureClassifier
{
    private readonly MLContext _ml;
    private readonly int _length;
    private readonly int _classes;
    private readonly bool _multiLabel;
    // Single-label: one model. Multi-label: one per class, or null where a constant rate stands in.
    private readonly ITransformer?[] _models;
    private readonly double[] _constants;

    private FeatureClassifier(MLContext ml, int length, int classes, bool multiLabel, ITransformer?[] models, double[] constants)
    {
        _ml = ml;
        _length = length;
        _classes = classes;
        _multiLabel = multiLabel;
        _models = models;
        _constants = constants;
    }

    /// <summary>Learns from vectors and, per vector, its class indexes (exactly one for single-label).</summary>
    public static FeatureClassifier Train(IReadOnlyList<float[]> vectors, IReadOnlyList<IReadOnlyList<int>> labels, int classes, bool multiLabel,
        LearnerSettings settings, int seed)
    {
        var length = vectors.Count == 0 ? 0 : vectors[0].Length;
        var ml = new MLContext(seed);
        if (!multiLabel)
        {
            var rows = vectors.Select((v, i) => new ClassRow { Features = v, Label = ClassKey(labels[i][0]) });
            var data = ml.Data.LoadFromEnumerable(rows, VectorSchema<ClassRow>(length));
            // Keys follow class order, and a class that no example carries still gets its score slot. The key mapping is
            // applied here, not kept in the model, so that answering needs no label column.
            var keys = ml.Data.LoadFromEnumerable(Enumerable.Range(0, classes).Select(c => new KeyValue { Value = ClassKey(c) }));
            var keyed = ml.Transforms.Conversion.MapValueToKey("Label", keyData: keys).Fit(data).Transform(data);
            var model = Normalizer(ml).Append(ClassifierLearners.Multiclass(ml, settings, seed)).Fit(keyed);
            return new FeatureClassifier(ml, length, classes, false, [model], new double[classes]);
        }
        var models = new ITransformer?[classes];
        var constants = new double[classes];
        for (var c = 0; c < classes; c++)
        {
            var positives = labels.Count(l => l.Contains(c));
            constants[c] = labels.Count == 0 ? 0 : (double)positives / labels.Count;
            if (positives == 0 || positives == labels.Count) continue;
            var rows = vectors.Select((v, i) => new BinaryRow { Features = v, Label = labels[i].Contains(c) });
            var data = ml.Data.LoadFromEnumerable(rows, VectorSchema<BinaryRow>(length));
            models[c] = Normalizer(ml).Append(ClassifierLearners.Binary(ml, settings, seed)).Fit(data);
        }
        return new FeatureClassifier(ml, length, classes, true, models, constants);
    }

    /// <summary>Every class's probability for each vector, in class order.</summary>
    public IReadOnlyList<double[]> Probabilities(IReadOnlyList<float[]> vectors)
    {
        var result = vectors.Select(_ => new double[_classes]).ToList();
        if (vectors.Count == 0) return result;
        var data = _ml.Data.LoadFromEnumerable(vectors.Select(v => new InputRow { Features = v }), VectorSchema<InputRow>(_length));
        if (!_multiLabel)
        {
            var i = 0;
            foreach (var score in _models[0]!.Transform(data).GetColumn<VBuffer<float>>("Score"))
            {
                var values = score.DenseValues().ToArray();
                for (var c = 0; c < _classes && c < values.Length; c++) result[i][c] = values[c];
                i++;
            }
            return result;
        }
        for (var c = 0; c < _classes; c++)
        {
            if (_models[c] is not { } model)
            {
                foreach (var row in result) row[c] = _constants[c];
                continue;
            }
            var i = 0;
            foreach (var probability in model.Transform(data).GetColumn<float>("Probability")) result[i++][c] = probability;
        }
        return result;
    }

    /// <summary>Writes the model(s) into the archive as model-N.zip entries, N the class (0 for single-label).</summary>
    public void Save(ZipArchive archive)
    {
        for (var c = 0; c < _models.Length; c++)
        {
            if (_models[c] is not { } model) continue;
            using var buffer = new MemoryStream();
            _ml.Model.Save(model, _ml.Data.LoadFromEnumerable(Array.Empty<InputRow>(), VectorSchema<InputRow>(_length)).Schema, buffer);
            using var entry = archive.CreateEntry($"model-{c}.zip", CompressionLevel.NoCompression).Open();
            buffer.Position = 0;
            buffer.CopyTo(entry);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote, given what the metadata says about it.</summary>
    public static FeatureClassifier Load(ZipArchive archive, int length, int classes, bool multiLabel, double[] constants, int seed)
    {
        var ml = new MLContext(seed);
        var models = new ITransformer?[multiLabel ? classes : 1];
        for (var c = 0; c < models.Length; c++)
        {
            if (archive.GetEntry($"model-{c}.zip") is not { } entry)
            {
                if (!multiLabel) throw new InvalidDataException("the model file has no model-0.zip");
                continue;
            }
            using var buffer = new MemoryStream();
            using (var stream = entry.Open()) stream.CopyTo(buffer);
            buffer.Position = 0;
            models[c] = ml.Model.Load(buffer, out _);
        }
        return new FeatureClassifier(ml, length, classes, multiLabel, models, constants);
    }

    public double[] Constants => _constants;

    private static IEstimator<ITransformer> Normalizer(MLContext ml) => ml.Transforms.NormalizeMeanVariance("Features");

    private static SchemaDefinition VectorSchema<T>(int length)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema[nameof(InputRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, length);
        return schema;
    }

    private static string ClassKey(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed class InputRow
    {
        public float[] Features { get; set; } = [];
    }

    private sealed class ClassRow
    {
        public float[] Features { get; set; } = [];
        public string Label { get; set; } = "";
    }

    private sealed class KeyValue
    {
        public string Value { get; set; } = "";
    }

    private sealed class BinaryRow
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}
