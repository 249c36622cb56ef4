using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Laoshi.Cleaning;
using Laoshi.Core.Schema;
using Laoshi.Server.Api;
using Laoshi.Server.Jobs;
using Laoshi.Storage;
using Laoshi.Storage.Cleaning;

namespace Laoshi.Server.Cleaning;

/// <summary>
/// One cleaning pass over a project's items, streamed a page at a time: broken data, exact and near duplicates,
/// normalisation and personal information. A dry run only reports. Otherwise every change is logged with what it
/// replaced (<see cref="CleaningStore"/>): texts are rewritten in place with the original kept in the log, broken items
/// and exact repeats (all but the first) are dropped, and near-duplicate clusters are stored for a person to resolve.
/// </summary>
public sealed class CleaningService(LaoshiStore store, ProjectSchemas schemas)
{
    private const int PageSize = 1000;
    private const int ChangeBatch = 500;
    private const int PreviewLimit = 50;

    /// <summary>
    /// What exact duplicates are compared after: width, compatibility forms, spacing and invisible characters never make
    /// two texts different, whatever the pass rewrites; the script does when t2s was asked for.
    /// </summary>
    private static NormalizationOptions DedupeNormalization(CleaningOptions options) => new()
    {
        Nfkc = true, Width = true, Whitespace = true, ControlCharacters = true,
        TraditionalToSimplified = options.Normalization.TraditionalToSimplified,
    };

    /// <summary>Runs the pass and returns its report (the `laoshi clean --json` document).</summary>
    public async Task<JsonObject> RunAsync(string project, CleaningOptions options, string user, long? jobId = null, IJobProgress? progress = null,
        CancellationToken ct = default)
    {
        options = options.Checked();
        var target = await store.Projects.GetAsync(project, ct);
        var schema = schemas.For(target);
        var run = options.DryRun ? null : await store.Cleaning.StartRunAsync(target.Id, options.ToJson(), false, user, jobId, ct);
        var pass = new Pass(store, schema, options);
        var context = new ChangeContext(user, run?.Id, jobId);

        var scanned = 0L;
        string? cursor = null;
        do
        {
            var page = await store.Items.ListAsync(target.Id, new ItemQuery(Limit: PageSize, Cursor: cursor), ct);
            foreach (var item in page.Items)
            {
                if (item.Status == DroppedItems.Status) continue;
                await pass.VisitAsync(item, ct);
                if (run is not null && pass.Pending.Count >= ChangeBatch) await FlushAsync(target.Id, pass, context, ct);
            }
            scanned += page.Items.Count;
            cursor = page.Next;
            if (progress is not null)
                await progress.ReportAsync(target.ItemCount > 0 ? Math.Min(0.9, 0.9 * scanned / target.ItemCount) : 0.9, $"{scanned:N0} of {target.ItemCount:N0} items read", ct);
        }
        while (cursor is not null);
        if (run is not null) await FlushAsync(target.Id, pass, context, ct);

        var report = pass.Report(run?.Id);
        if (run is not null)
        {
            var dropped = await store.Cleaning.DropAsync(target.Id, pass.Broken.Select(b => new ItemDrop(b.Item, b.Reason)).ToList(), context, ct);
            var exact = await store.Cleaning.AddClustersAsync(target.Id, run.Id,
                pass.ExactClusters.Select(c => new NewCluster(ClusterKinds.Exact, 1, c)).ToList(), ct);
            // Exact repeats are the same content: keeping the first is safe, and undoing the cluster brings them back.
            var repeats = 0;
            foreach (var batch in exact.Chunk(ChangeBatch))
            {
                var resolved = await store.Cleaning.KeepFirstAsync(target.Id, batch.Select(c => c.Id).ToList(), user, jobId, ct);
                repeats += resolved.Sum(c => c.Items.Count - 1);
            }
            var near = await store.Cleaning.AddClustersAsync(target.Id, run.Id, pass.NearClusters.Select(c => new NewCluster(c.Kind, c.Similarity, c.Items)).ToList(), ct);
            var entries = report["near_duplicates"] as JsonArray;
            for (var i = 0; entries is not null && i < near.Count; i++) entries[i]!["cluster"] = near[i].Id;
            report["dropped"] = dropped.Count + repeats;
            report["changes"] = pass.Changed + dropped.Count + repeats;
            await store.Cleaning.FinishRunAsync(run.Id, report, ct);
        }
        if (progress is not null) await progress.ReportAsync(1, "done", ct);
        return report;
    }

    /// <summary>Normalises one text as a pass with these names (nfkc, width, t2s, whitespace, control) would: for previews.</summary>
    public static string Normalize(string text, string normalize) => new TextNormalizer(NormalizationOptions.Parse(normalize)).Normalize(text);

    private async Task FlushAsync(long projectId, Pass pass, ChangeContext context, CancellationToken ct)
    {
        var made = await store.Cleaning.ApplyAsync(projectId, pass.Pending, context, ct);
        pass.Changed += made.Count;
        pass.Pending.Clear();
    }

    /// <summary>The state of one pass: what it found so far and the changes not yet written.</summary>
    private sealed class Pass(LaoshiStore store, ProjectSchema schema, CleaningOptions options)
    {
        private readonly BrokenDataCheck brokenCheck = new(store.Blobs, options);
        private readonly TextNormalizer? normalizer = options.Normalize is null ? null : new TextNormalizer(options.Normalization);
        private readonly TextNormalizer dedupeNormalizer = new(DedupeNormalization(options));
        private readonly Dictionary<UInt128, long> firstOf = [];
        private readonly Dictionary<long, List<long>> exact = [];
        private readonly NearDuplicateIndex? nearText = options.FindsNear && schema.Fields.Any(f => f.Kind == FieldKind.Text) ? new NearDuplicateIndex() : null;
        private readonly ImageFingerprints? images = options.FindsNear && schema.Fields.Any(f => f.Kind == FieldKind.Image) ? new ImageFingerprints() : null;
        private readonly Dictionary<string, long> pii = PiiKinds.All.ToDictionary(k => k.JsonName(), _ => 0L);
        private readonly JsonArray preview = [];
        private readonly JsonArray skipped = [];
        private long items;
        private long exactRepeats;
        private long normalized;
        private long masked;

        public List<DataChange> Pending { get; } = [];
        public List<(long Item, string Reason)> Broken { get; } = [];
        public int Changed { get; set; }
        public IEnumerable<IReadOnlyList<long>> ExactClusters => exact.OrderBy(e => e.Key).Select(e => (IReadOnlyList<long>)[e.Key, .. e.Value]);
        public List<(string Kind, double Similarity, IReadOnlyList<long> Items)> NearClusters { get; } = [];

        public async Task VisitAsync(ItemSummary item, CancellationToken ct)
        {
            items++;
            if (options.Broken && await brokenCheck.ReasonAsync(schema, item.Data, ct) is { } reason)
            {
                // A broken item is set aside as a whole: it is neither compared nor rewritten.
                Broken.Add((item.Id, reason));
                return;
            }
            var data = Rewrite(item);
            if (options.Dedupe) await FingerprintAsync(item.Id, data, ct);
        }

        /// <summary>Normalises and masks the item's texts, queueing the changes; returns the data as it will be.</summary>
        private JsonObject Rewrite(ItemSummary item)
        {
            if (normalizer is null && options.Pii is null) return item.Data;
            var original = item.Data;
            var normalizedData = original.DeepClone().AsObject();
            var fieldsNormalized = 0;
            foreach (var field in TextFields(original))
            {
                var before = (string)original[field]!;
                var after = normalizer?.Normalize(before) ?? before;
                if (after == before) continue;
                normalizedData[field] = after;
                fieldsNormalized++;
                if (preview.Count < PreviewLimit)
                    preview.Add(new JsonObject { ["item"] = item.Id, ["field"] = field, ["before"] = before, ["after"] = after });
            }

            var maskedData = normalizedData.DeepClone().AsObject();
            var fieldsMasked = 0;
            if (options.Pii is not null)
            {
                foreach (var field in TextFields(normalizedData))
                {
                    var text = (string)normalizedData[field]!;
                    var matches = PiiScanner.Find(text);
                    foreach (var match in matches) pii[match.Kind.JsonName()]++;
                    if (!options.MasksPii || matches.Count == 0) continue;
                    maskedData[field] = PiiMasker.Mask(text, matches);
                    fieldsMasked++;
                }
            }
            if (fieldsNormalized == 0 && fieldsMasked == 0) return original;

            // Answers point into the text by character offsets: a rewrite that moves characters would misplace them.
            if (item.AnnotationCount > 0 && TextFields(original).Any(f => ((string)original[f]!).Length != ((string?)maskedData[f])?.Length))
            {
                skipped.Add(new JsonObject { ["item"] = item.Id, ["reason"] = "the item has answers and the rewrite changes its text's length, which would move their spans" });
                return original;
            }
            if (fieldsNormalized > 0)
            {
                normalized++;
                Pending.Add(new DataChange(item.Id, CleaningChangeKinds.Normalize, original, normalizedData, options.Normalize));
            }
            if (fieldsMasked > 0)
            {
                masked++;
                Pending.Add(new DataChange(item.Id, CleaningChangeKinds.PiiMask, normalizedData, maskedData, "mask"));
            }
            return maskedData;
        }

        private async Task FingerprintAsync(long id, JsonObject data, CancellationToken ct)
        {
            var key = new StringBuilder();
            var text = new StringBuilder();
            string? image = null;
            foreach (var field in schema.Fields)
            {
                var value = data[field.Value] is JsonValue node && node.TryGetValue<string>(out var s) ? s : null;
                if (value is null) continue;
                if (field.Kind == FieldKind.Text)
                {
                    var normal = dedupeNormalizer.Normalize(value);
                    key.Append("t:").Append(normal).Append('\0');
                    text.Append(normal).Append('\n');
                }
                else
                {
                    // A stored file is its bytes' SHA-256 already; the same bytes are the same URL.
                    key.Append("f:").Append(value).Append('\0');
                    if (field.Kind == FieldKind.Image && image is null && BlobStore.TryParseUrl(value, out var hash)) image = hash;
                }
            }
            if (key.Length == 0) return;
            var digest = SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString()));
            var fingerprint = BitConverter.ToUInt128(digest);
            if (firstOf.TryGetValue(fingerprint, out var first))
            {
                exactRepeats++;
                if (!exact.TryGetValue(first, out var repeats)) exact[first] = repeats = [];
                repeats.Add(id);
                return;
            }
            firstOf[fingerprint] = id;
            if (nearText is not null && text.Length > 0) nearText.Add(id.ToString(System.Globalization.CultureInfo.InvariantCulture), text.ToString());
            if (images is not null && image is not null)
            {
                try
                {
                    await using var content = store.Blobs.OpenRead(image);
                    if (!images.Add(id, content))
                        skipped.Add(new JsonObject { ["item"] = id, ["reason"] = "its image cannot be decoded, so it was not compared for near duplicates" });
                }
                catch (Laoshi.Core.Errors.NotFoundException)
                {
                    // A missing file is for the broken-data check to report; it has no picture to compare.
                }
            }
            ct.ThrowIfCancellationRequested();
        }

        private IEnumerable<string> TextFields(JsonObject data) =>
            schema.Fields.Where(f => f.Kind == FieldKind.Text && data[f.Value] is JsonValue v && v.TryGetValue<string>(out _)).Select(f => f.Value).Distinct();

        public JsonObject Report(long? runId)
        {
            var report = new JsonObject { ["run_id"] = runId, ["dry_run"] = options.DryRun, ["items"] = items };
            if (options.Dedupe)
            {
                report["exact_duplicates"] = exactRepeats;
                report["exact_clusters"] = new JsonArray([.. ExactClusters.Select(c => (JsonNode)new JsonObject
                {
                    ["items"] = new JsonArray([.. c.Select(i => (JsonNode)i)]),
                    ["similarity"] = 1.0,
                })]);
                if (options.FindsNear)
                {
                    if (nearText is not null)
                        foreach (var cluster in nearText.Clusters(options.Near!.Value))
                            NearClusters.Add((ClusterKinds.NearText, cluster.Similarity, cluster.Items.Select(long.Parse).Order().ToList()));
                    if (images is not null)
                        foreach (var (members, similarity) in images.Clusters(options.Near!.Value))
                            NearClusters.Add((ClusterKinds.NearImage, similarity, members));
                }
                report["near_duplicates"] = new JsonArray([.. NearClusters.Select(c => (JsonNode)new JsonObject
                {
                    ["items"] = new JsonArray([.. c.Items.Select(i => (JsonNode)i)]),
                    ["similarity"] = Math.Round(c.Similarity, 6),
                    ["kind"] = c.Kind,
                })]);
            }
            if (options.Broken)
                report["broken"] = new JsonArray([.. Broken.Select(b => (JsonNode)new JsonObject { ["item"] = b.Item, ["reason"] = b.Reason })]);
            if (options.Pii is not null)
            {
                report["pii"] = new JsonObject([.. pii.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]);
                report["pii_masked"] = masked;
            }
            if (options.Normalize is not null)
            {
                report["normalized"] = normalized;
                report["normalize_preview"] = preview;
            }
            report["skipped"] = skipped;
            return report;
        }
    }
}
