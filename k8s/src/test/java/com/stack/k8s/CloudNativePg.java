package com.stack.k8s;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * A strict schema of the CloudNativePG resources this tree uses (postgresql.cnpg.io/v1: Cluster, Database,
 * ScheduledBackup), written after the operator's CRD reference since no typed Java model of CloudNativePG is
 * published. Read with unknown properties failing, so a misspelt or unsupported field fails like in the typed
 * models; the compact constructors refuse a resource without the fields the operator requires.
 */
final class CloudNativePg {

    private CloudNativePg() {}

    record Cluster(String apiVersion, String kind, ObjectMeta metadata, ClusterSpec spec) {
        Cluster {
            Objects.requireNonNull(metadata, "metadata");
            Objects.requireNonNull(spec, "spec");
        }
    }

    record ClusterSpec(
            Integer instances,
            String primaryUpdateStrategy,
            Storage storage,
            ResourceRequirements resources,
            Affinity affinity,
            Boolean enableSuperuserAccess,
            Postgresql postgresql,
            Managed managed,
            Backup backup) {
        ClusterSpec {
            Objects.requireNonNull(instances, "spec.instances");
            Objects.requireNonNull(storage, "spec.storage");
        }
    }

    record Storage(String size, String storageClass) {
        Storage {
            Objects.requireNonNull(size, "spec.storage.size");
        }
    }

    record Affinity(Boolean enablePodAntiAffinity, String topologyKey) {}

    record Postgresql(
            Map<String, String> parameters,
            @JsonProperty("pg_hba") List<String> pgHba) {}

    record Managed(List<Role> roles) {}

    record Role(
            String name,
            String ensure,
            Boolean login,
            Boolean superuser,
            Boolean createdb,
            Boolean createrole,
            Boolean replication,
            Boolean bypassrls,
            Boolean inherit,
            LocalReference passwordSecret) {
        Role {
            Objects.requireNonNull(name, "spec.managed.roles[].name");
        }
    }

    record LocalReference(String name) {
        LocalReference {
            Objects.requireNonNull(name, "name");
        }
    }

    record SecretKey(String name, String key) {
        SecretKey {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
        }
    }

    record Backup(String retentionPolicy, BarmanObjectStore barmanObjectStore) {}

    record BarmanObjectStore(String destinationPath, S3Credentials s3Credentials, Compression wal, Compression data) {
        BarmanObjectStore {
            Objects.requireNonNull(destinationPath, "barmanObjectStore.destinationPath");
        }
    }

    record S3Credentials(SecretKey accessKeyId, SecretKey secretAccessKey) {}

    record Compression(String compression) {}

    record Database(String apiVersion, String kind, ObjectMeta metadata, DatabaseSpec spec) {
        Database {
            Objects.requireNonNull(spec, "spec");
        }
    }

    record DatabaseSpec(
            LocalReference cluster, String name, String owner, String ensure, String databaseReclaimPolicy) {
        DatabaseSpec {
            Objects.requireNonNull(cluster, "spec.cluster");
            Objects.requireNonNull(name, "spec.name");
            Objects.requireNonNull(owner, "spec.owner");
        }
    }

    record ScheduledBackup(String apiVersion, String kind, ObjectMeta metadata, ScheduledBackupSpec spec) {
        ScheduledBackup {
            Objects.requireNonNull(spec, "spec");
        }
    }

    record ScheduledBackupSpec(String schedule, String backupOwnerReference, String method, LocalReference cluster) {
        ScheduledBackupSpec {
            Objects.requireNonNull(schedule, "spec.schedule");
            Objects.requireNonNull(cluster, "spec.cluster");
        }
    }
}
