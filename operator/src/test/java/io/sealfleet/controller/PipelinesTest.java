package io.sealfleet.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealfleet.api.SectorTask;
import io.sealfleet.api.SectorTaskSpec;
import io.sealfleet.api.SectorTaskStatus;
import io.sealfleet.api.TaskOutputs;
import io.sealfleet.table.TaskType;
import org.junit.jupiter.api.Test;

/** The replica-update pipeline: its steps, and the commitments each later step carries. */
class PipelinesTest {
    static final String COMM_R_OLD = "bagboea4b5abca52cioilg33uvtkzlranby2b6t576gdch7vprlls7zz5osinbvs4";
    static final String COMM_R_NEW = "bagboea4b5abcbyjpqqpnl7vggitzp26ombeav7gmo7pufnvm2nnatlnxs7xscf3h";
    static final String COMM_D_NEW = "baga6ea4seaqcnvpl2hqql4f4ihezifudxajw2fqf3ok5do2qqttjk6kckkfuyga";

    private static SectorTask done(String name, TaskType type, TaskOutputs outputs) {
        SectorTask t = new SectorTask();
        t.getMetadata().setName(name);
        t.getMetadata().setNamespace("sealing");
        t.getMetadata().setUid("uid-" + name);
        SectorTaskSpec s = new SectorTaskSpec();
        s.miner = "f01000";
        s.sector = 9L;
        s.sectorSize = "32GiB";
        s.type = type;
        s.deals = 1;
        s.pipeline = true;
        t.setSpec(s);
        SectorTaskStatus st = new SectorTaskStatus();
        st.outputs = outputs;
        t.setStatus(st);
        return t;
    }

    @Test
    void replicaUpdatePipelineRunsThroughFinalizeReplicaUpdate() {
        assertThat(Pipelines.next(TaskType.ReplicaUpdate)).isEqualTo(TaskType.ProveReplicaUpdate1);
        assertThat(Pipelines.next(TaskType.ProveReplicaUpdate1)).isEqualTo(TaskType.ProveReplicaUpdate2);
        assertThat(Pipelines.next(TaskType.ProveReplicaUpdate2)).isEqualTo(TaskType.FinalizeReplicaUpdate);
        assertThat(Pipelines.next(TaskType.FinalizeReplicaUpdate)).isNull();
        assertThat(Pipelines.next(TaskType.RegenSectorKey)).isNull();
    }

    @Test
    void stepsAfterAReplicaUpdateCarryTheCommitmentsItReported() {
        TaskOutputs o = new TaskOutputs();
        o.commROld = COMM_R_OLD;
        o.commRNew = COMM_R_NEW;
        o.commDNew = COMM_D_NEW;
        SectorTask pr1 = Pipelines.nextTask(done("s9-ru", TaskType.ReplicaUpdate, o));
        assertThat(pr1.getMetadata().getName()).isEqualTo("s9-pr1");
        assertThat(pr1.getSpec().type).isEqualTo(TaskType.ProveReplicaUpdate1);
        assertThat(pr1.getSpec().commROld).isEqualTo(COMM_R_OLD);
        assertThat(pr1.getSpec().commRNew).isEqualTo(COMM_R_NEW);
        assertThat(pr1.getSpec().commDNew).isEqualTo(COMM_D_NEW);

        // PR1 reports no new commitments of its own here: the spec's are handed on.
        SectorTask pr1Done = done("s9-pr1", TaskType.ProveReplicaUpdate1, new TaskOutputs());
        pr1Done.setSpec(pr1.getSpec());
        SectorTask pr2 = Pipelines.nextTask(pr1Done);
        assertThat(pr2.getSpec().commRNew).isEqualTo(COMM_R_NEW);
        SectorTask fru = Pipelines.nextTask(done("s9-pr2", TaskType.ProveReplicaUpdate2, null));
        assertThat(fru.getMetadata().getName()).isEqualTo("s9-fru");
        assertThat(fru.getSpec().type).isEqualTo(TaskType.FinalizeReplicaUpdate);
    }

    @Test
    void sealingStepsTakeNoUpdateCommitments() {
        TaskOutputs o = new TaskOutputs();
        o.commRNew = COMM_R_NEW;
        SectorTask pc2 = Pipelines.nextTask(done("s9-pc1", TaskType.PreCommit1, o));
        assertThat(pc2.getSpec().commRNew).isNull();
    }
}
