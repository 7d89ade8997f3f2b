using System.Text;

namespace Sift.Reports.Sections;

/// <summary>The run's resolved <c>config.yaml</c>, verbatim (escaped), so every chart can be traced to its settings.</summary>
public sealed class SettingsSection : IReportSection
{
    public string Id => "settings";
    public string Title => "Settings (config.yaml)";

    public string? Render(RunData run)
    {
        if (run.ConfigYaml is null) return null;
        var sb = new StringBuilder();
        sb.Append("<details open><summary>").Append(Markup.Escape(Path.Combine(run.Root, "config.yaml"))).Append("</summary>\n<pre class=\"config\">")
          .Append(Markup.Escape(run.ConfigYaml.Replace("\r\n", "\n", StringComparison.Ordinal))).Append("</pre>\n</details>\n");
        return sb.ToString();
    }
}
