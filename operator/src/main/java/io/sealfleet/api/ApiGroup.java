package io.sealfleet.api;

/** The API group and version of every sealfleet kind. */
public final class ApiGroup {
    public static final String GROUP = "sealing.sealfleet.io";
    public static final String VERSION = "v1alpha1";
    public static final String CATEGORY = "sealing";

    /** Miner actor IDs as Lotus prints them: f01234 on mainnet, t01234 on test networks. */
    public static final String MINER_PATTERN = "^[ft]0(0|[1-9][0-9]*)$";
    /** 32-byte values (tickets, seeds) as lowercase hex of their little-endian bytes. */
    public static final String HEX32_PATTERN = "^[0-9a-f]{64}$";
    /** A replica commitment (comm_r) as a CID. */
    public static final String COMM_R_PATTERN = "^bagboea4b5abc[a-z2-7]+$";
    /** A data commitment (comm_d, commP) as a CID. */
    public static final String COMM_D_PATTERN = "^baga6ea4sea[a-z2-7]+$";
    public static final String SECTOR_SIZE_PATTERN = "^(2KiB|8MiB|512MiB|32GiB|64GiB)$";
    /** Kubernetes quantities in bytes: 256Gi, 1Ti, 500G or a plain byte count. */
    public static final String QUANTITY_PATTERN = "^[0-9]+(\\.[0-9]+)?(k|K|Ki|KiB|M|Mi|MiB|G|Gi|GiB|T|Ti|TiB|P|Pi|PiB)?$";
    public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

    private ApiGroup() {
    }
}
