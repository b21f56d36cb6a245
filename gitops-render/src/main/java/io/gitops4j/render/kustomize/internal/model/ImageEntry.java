package io.gitops4j.render.kustomize.internal.model;

/**
 * One entry of {@code images}: which image to change and what to change it to.
 *
 * @param name the image name to match, without tag or digest
 * @param newName the replacement name; empty keeps the name
 * @param newTag the replacement tag; empty keeps the tag
 * @param digest the replacement digest; empty keeps the digest
 * @param tagSuffix appended to the tag when neither a new tag nor a digest is given; empty for none
 */
public record ImageEntry(String name, String newName, String newTag, String digest, String tagSuffix) {
}
