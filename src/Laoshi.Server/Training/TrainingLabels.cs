namespace Laoshi.Server.Training;

/// <summary>How <see cref="TrainingSetReader"/> reads an item's answer into labels.</summary>
public enum TrainingLabels
{
    /// <summary>As the control allows: several labels on a multiple-choice control, else the first chosen.</summary>
    AsControl,

    /// <summary>Exactly one label per item; items answered with several (or without their data) are skipped.</summary>
    Single,
}
