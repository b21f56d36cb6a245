package io.gitops4j.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One document of a YAML (or JSON) file, with where it came from.
 *
 * @param body the document's content
 * @param source the file or source name it was read from
 * @param line the 1-based line where the document starts
 */
public record YamlDocument(ObjectNode body, String source, int line) {

    /**
     * {@code source:line}, for error messages.
     *
     * @return the location
     */
    public String location() {
        return source + ":" + line;
    }
}
