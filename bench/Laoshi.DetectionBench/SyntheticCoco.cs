using System.Globalization;
using System.Text;

namespace Laoshi.DetectionBench;

/// <summary>
/// Writes a seeded COCO ground-truth file and result file shaped like a real detector's output: objects of mixed sizes
/// over 80 categories, each found a few times with jitter (mostly the right category, higher scores), and the rest of
/// each image's detections as low-scoring clutter, exactly <c>perImage</c> detections per image.
/// </summary>
internal static class SyntheticCoco
{
    public static async Task WriteAsync(string truthPath, string detectionsPath, int images, int truthBoxes, int perImage, int seed, CancellationToken cancel)
    {
        var random = new Random(seed);
        const int categories = 80;
        var counts = new int[images];
        for (var i = 0; i < truthBoxes; i++) counts[random.Next(images)]++;

        await using var truth = new StreamWriter(truthPath, false, new UTF8Encoding(false), 1 << 16);
        await using var detections = new StreamWriter(detectionsPath, false, new UTF8Encoding(false), 1 << 16);
        await truth.WriteAsync("{\"images\": [");
        for (var i = 0; i < images; i++) await truth.WriteAsync($"{(i == 0 ? "" : ",")}{{\"id\": {i + 1}, \"width\": 640, \"height\": 480}}");
        await truth.WriteAsync("],\n\"categories\": [");
        for (var c = 0; c < categories; c++) await truth.WriteAsync($"{(c == 0 ? "" : ",")}{{\"id\": {c + 1}, \"name\": \"class{c + 1}\"}}");
        await truth.WriteAsync("],\n\"annotations\": [\n");
        await detections.WriteAsync("[\n");

        var annotationId = 0;
        var firstDetection = true;
        for (var image = 1; image <= images; image++)
        {
            cancel.ThrowIfCancellationRequested();
            var written = 0;
            for (var o = 0; o < counts[image - 1]; o++)
            {
                var size = random.NextDouble() switch { < 0.4 => 8 + random.NextDouble() * 24, < 0.8 => 32 + random.NextDouble() * 64, _ => 96 + random.NextDouble() * 250 };
                var w = size * (0.6 + random.NextDouble() * 0.8);
                var h = size * (0.6 + random.NextDouble() * 0.8);
                var x = random.NextDouble() * Math.Max(1, 640 - w);
                var y = random.NextDouble() * Math.Max(1, 480 - h);
                var category = 1 + random.Next(categories);
                var crowd = random.NextDouble() < 0.01 ? 1 : 0;
                await truth.WriteAsync($"{(annotationId == 0 ? "" : ",\n")}{{\"id\": {++annotationId}, \"image_id\": {image}, \"category_id\": {category}, \"bbox\": [{F(x)}, {F(y)}, {F(w)}, {F(h)}], \"area\": {F(w * h * 0.8)}, \"iscrowd\": {crowd}}}");
                var found = random.Next(0, 5);
                for (var d = 0; d < found && written < perImage; d++, written++)
                {
                    var jitter = size * 0.15;
                    var label = random.NextDouble() < 0.9 ? category : 1 + random.Next(categories);
                    await WriteDetection(image, label, x + Noise(random, jitter), y + Noise(random, jitter),
                        Math.Max(1, w + Noise(random, jitter)), Math.Max(1, h + Noise(random, jitter)), 0.3 + 0.7 * random.NextDouble());
                }
            }
            for (; written < perImage; written++)
            {
                var w = 5 + random.NextDouble() * 200;
                var h = 5 + random.NextDouble() * 200;
                await WriteDetection(image, 1 + random.Next(categories), random.NextDouble() * (640 - w), random.NextDouble() * (480 - h), w, h,
                    0.5 * random.NextDouble());
            }
        }
        await truth.WriteAsync("\n]}\n");
        await detections.WriteAsync("\n]\n");

        async Task WriteDetection(int image, int category, double x, double y, double w, double h, double score)
        {
            await detections.WriteAsync($"{(firstDetection ? "" : ",\n")}{{\"image_id\": {image}, \"category_id\": {category}, \"bbox\": [{F(x)}, {F(y)}, {F(w)}, {F(h)}], \"score\": {score.ToString("0.#####", CultureInfo.InvariantCulture)}}}");
            firstDetection = false;
        }
    }

    private static double Noise(Random random, double scale) => (random.NextDouble() * 2 - 1) * scale;

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
