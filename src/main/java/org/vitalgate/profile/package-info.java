/**
 * Device profiles: one YAML file per device model in {@code device-profiles/}, loaded into immutable
 * {@link org.vitalgate.profile.DeviceProfile} records, validated with all errors reported at once, and matched
 * against advertisements. Profiles reference codecs by id and never contain byte-slicing expressions.
 *
 * <p>Depends only on {@code reading}-free JDK types and Jackson; the set of known codec ids is passed in, so this
 * package needs no codec classes. Nothing in this package is null: absent values are {@link java.util.Optional}s.
 */
package org.vitalgate.profile;
