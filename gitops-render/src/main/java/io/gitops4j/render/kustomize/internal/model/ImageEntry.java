package io.gitops4j.render.kustomize.internal.model;

/**
 * One entry of {@code images}: which image to change and what to change it to.
 *
 * @param name the image name to match, without tag or digest
 * @param newName the replacement name; empty keeps the name
 * @param newTag the replacement tag; empty keeps the tag
 * @param digest the replacement digest; empty keeps the digest
 */
public record ImageEntry(String name, String newName, String newTag, String digest) {
}
