using System.Text;

namespace Sift.Reports;

/// <summary>A plain HTML table; every cell is escaped, and all columns but the first are right-aligned numbers.</summary>
public static class HtmlTable
{
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder("<table>\n<thead><tr>");
        for (int i = 0; i < headers.Count; i++) sb.Append(i == 0 ? "<th>" : "<th class=\"num\">").Append(Markup.Escape(headers[i])).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (int i = 0; i < row.Count; i++) sb.Append(i == 0 ? "<td>" : "<td class=\"num\">").Append(Markup.Escape(row[i])).Append("</td>");
            sb.Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>");
        return sb.ToString();
    }
}
