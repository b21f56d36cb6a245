package io.gitops4j.core.engine;

/**
 * Argo CD's {@code operation.sync.syncStrategy}: {@code hook} (the default) runs the resource
 * hooks of every phase; {@code apply} applies every resource wave by wave and runs no hook, as a
 * rollback does. Either may {@code force}: an object the server refuses to change is deleted and
 * created again, as the {@code Force=true} sync option does for every resource of the sync.
 *
 * @param apply whether hooks are left out ({@code apply}) rather than run ({@code hook})
 * @param force whether every resource is written as with {@code Force=true}
 */
public record SyncStrategy(boolean apply, boolean force) {

    /** {@code syncStrategy: {hook: {}}}, Argo CD's default: hooks run. */
    public static final SyncStrategy HOOK = new SyncStrategy(false, false);

    /** {@code syncStrategy: {apply: {}}}: no hook runs, as Argo CD's rollback. */
    public static final SyncStrategy APPLY = new SyncStrategy(true, false);

    /**
     * The same strategy with {@code force} set.
     *
     * @param value whether to force
     * @return the strategy
     */
    public SyncStrategy withForce(boolean value) {
        return new SyncStrategy(apply, value);
    }
}
