/**
 * The Pulumi program. Reconciling integration files is not wired in yet: until it is, the
 * program declares no resources, so `pulumi preview` on any stack shows only the stack itself.
 */
export {};
