package dev.roster.notifications.notice;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Renders notices from template files in {@code templates/notices/}: {@code <kind>.subject.txt},
 * {@code <kind>.txt} and {@code <kind>.html}, with Mustache. Values are HTML-escaped in the HTML body
 * and left as they are in the text. Every template is read and compiled at start, so rendering never
 * touches a file (it runs on event-loop threads).
 */
@Component
class Templates {

    private static final String FOLDER = "classpath*:templates/notices/";

    private final Map<String, Template> compiled = new HashMap<>();

    Templates() {
        Mustache.Compiler html = Mustache.compiler().escapeHTML(true).defaultValue("");
        Mustache.Compiler text = Mustache.compiler().escapeHTML(false).defaultValue("");
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(FOLDER + "*")) {
                String name = resource.getFilename();
                try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                    compiled.put(name, (name.endsWith(".html") ? html : text).compile(reader));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read the notice templates", ex);
        }
    }

    /** The subject, text and HTML of a notice of {@code kind}. */
    public Rendered render(String kind, Map<String, Object> values) {
        return new Rendered(template(kind + ".subject.txt").execute(values).strip(),
                template(kind + ".txt").execute(values).strip(),
                template(kind + ".html").execute(values));
    }

    /** Whether every template of {@code kind} exists. */
    public boolean exists(String kind) {
        return compiled.containsKey(kind + ".subject.txt") && compiled.containsKey(kind + ".txt")
                && compiled.containsKey(kind + ".html");
    }

    private Template template(String name) {
        Template template = compiled.get(name);
        if (template == null) {
            throw new IllegalStateException("Notice template " + name + " is missing");
        }
        return template;
    }

    /** A rendered notice: the subject (also the in-app title), a plain-text body and an HTML body. */
    public record Rendered(String subject, String text, String html) {
    }
}
