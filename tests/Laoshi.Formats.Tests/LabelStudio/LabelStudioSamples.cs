namespace Laoshi.Formats.Tests.LabelStudio;

/// <summary>Label Studio exports written by hand after what Label Studio 1.x writes, one result of every type.</summary>
public static class LabelStudioSamples
{
    public const string MixedResult = """
    [
      {"value": {"choices": ["positive"]}, "id": "c1", "from_name": "sentiment", "to_name": "text", "type": "choices", "origin": "manual"},
      {"value": {"start": 0, "end": 5, "text": "Alice", "labels": ["PER"]}, "id": "t1", "from_name": "ner", "to_name": "text", "type": "labels", "origin": "manual"},
      {"value": {"start": 19, "end": 26, "text": "北京大学", "labels": ["ORG"]}, "id": "t2", "from_name": "ner", "to_name": "text", "type": "labels", "origin": "prediction-changed"},
      {"original_length": 12.48, "value": {"start": 1.2345678, "end": 3.5, "channel": 0, "labels": ["A"]}, "id": "a1", "from_name": "speaker", "to_name": "audio", "type": "labels", "origin": "manual"},
      {"original_length": 12.48, "value": {"start": 1.2345678, "end": 3.5, "channel": 0, "text": ["hello there", "second line"]}, "id": "a1", "from_name": "transcript", "to_name": "audio", "type": "textarea", "origin": "manual"},
      {"original_width": 1920, "original_height": 1080, "image_rotation": 0, "value": {"x": 12.345678901, "y": 20.5, "width": 30.25, "height": 40.125, "rotation": 15.5, "rectanglelabels": ["Car"]}, "id": "b1", "from_name": "box", "to_name": "image", "type": "rectanglelabels", "origin": "manual"},
      {"original_width": 1920, "original_height": 1080, "image_rotation": 90, "value": {"x": 1, "y": 2, "width": 3, "height": 4, "rotation": 0}, "id": "b2", "from_name": "box", "to_name": "image", "type": "rectangle", "origin": "manual", "readonly": false, "hidden": true},
      {"original_width": 1920, "original_height": 1080, "image_rotation": 0, "value": {"points": [[10.1, 20.2], [30.3, 40.4], [50.5, 10.0]], "closed": true, "polygonlabels": ["Road"]}, "id": "p1", "from_name": "poly", "to_name": "image", "type": "polygonlabels", "origin": "manual"},
      {"original_width": 1920, "original_height": 1080, "image_rotation": 0, "value": {"x": 55.5, "y": 66.6, "width": 0.5, "keypointlabels": ["Nose"]}, "id": "k1", "from_name": "kp", "to_name": "image", "type": "keypointlabels", "origin": "manual"},
      {"original_width": 1920, "original_height": 1080, "image_rotation": 0, "value": {"x": 12.345678901, "y": 20.5, "width": 30.25, "height": 40.125, "rotation": 15.5, "text": ["a red car"]}, "id": "b1", "from_name": "caption", "to_name": "image", "type": "textarea", "origin": "manual"},
      {"value": {"text": ["a street at night"]}, "id": "cap", "from_name": "caption", "to_name": "image", "type": "textarea", "origin": "manual"},
      {"value": {"rating": 4}, "id": "r1", "from_name": "quality", "to_name": "image", "type": "rating", "origin": "manual"},
      {"original_width": 640, "original_height": 480, "image_rotation": 0, "value": {"x": 5, "y": 6, "width": 7, "height": 8, "rotation": 0, "rectanglelabels": ["Person"]}, "id": "pr1", "from_name": "box", "to_name": "image", "type": "rectanglelabels", "score": 0.87, "parentID": "b1", "meta": {"text": ["looks blurry"]}}
    ]
    """;

    /// <summary>A Label Studio JSON export: tasks with annotations and predictions.</summary>
    public const string Export = """
    [
      {
        "id": 101,
        "data": {"text": "Alice studied at the university", "meta_info": {"source": "web"}},
        "annotations": [
          {"id": 1, "completed_by": 7, "result": [
              {"value": {"start": 0, "end": 5, "text": "Alice", "labels": ["PER"]}, "id": "t1", "from_name": "ner", "to_name": "text", "type": "labels", "origin": "manual"}
            ],
            "was_cancelled": false, "ground_truth": false, "created_at": "2026-11-20T08:15:30.123456Z", "updated_at": "2026-11-20T08:15:30.123456Z", "lead_time": 12.5}
        ],
        "predictions": [
          {"id": 3, "model_version": "ner-v2", "score": 0.91, "result": [
              {"value": {"start": 0, "end": 5, "text": "Alice", "labels": ["PER"]}, "id": "p1", "from_name": "ner", "to_name": "text", "type": "labels", "score": 0.91}
            ]}
        ]
      },
      {
        "id": 102,
        "data": {"text": "Bob"},
        "annotations": [
          {"id": 2, "completed_by": 7, "result": [], "was_cancelled": true, "created_at": "2026-11-20T08:16:00Z"}
        ],
        "predictions": []
      }
    ]
    """;
}
