using SkiaSharp;

namespace Laoshi.Server.Demo;

public sealed record DemoBox(string Label, double X, double Y, double Width, double Height);

public sealed record DemoImage(byte[] Png, int Width, int Height, string Room, IReadOnlyList<DemoBox> Boxes);

/// <summary>
/// Renders simple room scenes (wall, floor, furniture as shapes) so the demo has images whose
/// true boxes are known, without downloading anything.
/// </summary>
public static class DemoImages
{
    private static readonly string[] Rooms = ["living room", "bedroom", "office"];

    public static DemoImage Render(Random random, int width = 640, int height = 480)
    {
        var room = Rooms[random.Next(Rooms.Length)];
        var boxes = new List<DemoBox>();
        using var bitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };

        var horizon = height * (0.45 + random.NextDouble() * 0.1);
        canvas.Clear(Shade(random, 225, 215, 195));
        paint.Color = Shade(random, 150, 110, 80);
        canvas.DrawRect(0, (float)horizon, width, (float)(height - horizon), paint);

        if (room != "office" || random.NextDouble() < 0.5)
        {
            var w = width * (0.45 + random.NextDouble() * 0.2);
            var h = (height - horizon) * (0.45 + random.NextDouble() * 0.2);
            var x = random.NextDouble() * (width - w);
            var y = horizon + (height - horizon - h) * (0.3 + random.NextDouble() * 0.6);
            paint.Color = Shade(random, 60, 140, 70);
            canvas.DrawOval(new SKRect((float)x, (float)y, (float)(x + w), (float)(y + h)), paint);
            boxes.Add(new DemoBox("carpet", x, y, w, h));
        }

        if (room == "living room")
        {
            var w = width * (0.35 + random.NextDouble() * 0.15);
            var h = height * (0.18 + random.NextDouble() * 0.06);
            var x = random.NextDouble() * (width - w);
            var y = horizon - h * 0.6;
            paint.Color = Shade(random, 170, 40, 45);
            canvas.DrawRoundRect(new SKRect((float)x, (float)y, (float)(x + w), (float)(y + h)), 12, 12, paint);
            paint.Color = Shade(random, 140, 30, 35);
            canvas.DrawRect((float)x, (float)(y - h * 0.35), (float)w, (float)(h * 0.45), paint);
            boxes.Add(new DemoBox("sofa", x, y - h * 0.35, w, h * 1.35));
        }
        else if (room == "bedroom")
        {
            var w = width * 0.45;
            var h = height * 0.2;
            paint.Color = Shade(random, 230, 230, 245);
            canvas.DrawRect((float)(width * 0.1), (float)(horizon - h * 0.4), (float)w, (float)h, paint);
        }

        if (room != "bedroom" || random.NextDouble() < 0.4)
        {
            var w = width * (0.15 + random.NextDouble() * 0.1);
            var h = height * (0.07 + random.NextDouble() * 0.04);
            var x = width * 0.2 + random.NextDouble() * (width * 0.6 - w);
            var y = horizon + (height - horizon) * 0.35;
            paint.Color = Shade(random, 100, 70, 40);
            canvas.DrawRect((float)x, (float)y, (float)w, (float)h, paint);
            boxes.Add(new DemoBox("coffee table", x, y, w, h));
        }

        if (room != "living room" || random.NextDouble() < 0.5)
        {
            var w = width * 0.06;
            var h = height * (0.3 + random.NextDouble() * 0.1);
            var x = random.NextDouble() < 0.5 ? width * 0.02 : width * 0.9;
            var y = horizon - h * 0.7;
            paint.Color = Shade(random, 250, 210, 90);
            canvas.DrawCircle((float)(x + w / 2), (float)(y + w / 2), (float)(w / 2), paint);
            paint.Color = Shade(random, 60, 60, 60);
            canvas.DrawRect((float)(x + w * 0.45), (float)(y + w), (float)(w * 0.1), (float)(h - w), paint);
            boxes.Add(new DemoBox("lamp", x, y, w, h));
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return new DemoImage(data.ToArray(), width, height, room, boxes);
    }

    private static SKColor Shade(Random random, int r, int g, int b)
    {
        byte Jitter(int v) => (byte)Math.Clamp(v + random.Next(-20, 21), 0, 255);
        return new SKColor(Jitter(r), Jitter(g), Jitter(b));
    }
}
