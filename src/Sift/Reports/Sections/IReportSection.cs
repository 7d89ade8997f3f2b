namespace Sift.Reports.Sections;

/// <summary>One part of a run's report. <see cref="Render"/> returns null when the run has no data for it (the part is skipped).</summary>
public interface IReportSection
{
    /// <summary>A short id for anchors ("rerank").</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>The section's HTML body (tables, charts), or null when its data is absent; malformed data throws <see cref="InvalidDataException"/>.</summary>
    string? Render(RunData run);
}
