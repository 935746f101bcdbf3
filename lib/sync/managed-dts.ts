import { Construct } from 'constructs';
import { DtsJobMonitorRule } from '../providers/alicloud/dts-job-monitor-rule/index.js';
import { DtsSynchronizationInstance } from '../providers/alicloud/dts-synchronization-instance/index.js';
import { DtsSynchronizationJob } from '../providers/alicloud/dts-synchronization-job/index.js';
import type { MySqlEndpoint } from '../mysql/endpoint.js';
import { RETRY_CONNECTION_MINUTES, RETRY_OTHER_MINUTES } from './checks.js';
import { buildDbList, CASE_CHANGE_MODE } from './db-list.js';
import type { ManagedDtsProps } from './options.js';
import type { SyncTaskProps } from './sync-task.js';

function endpointArgs(scope: Construct, ep: MySqlEndpoint, region: string | undefined) {
  const rds = ep.kind === 'rds';
  return {
    instanceType: rds ? 'RDS' : 'OTHER',
    engineName: 'MySQL',
    instanceId: rds ? ep.instanceId : undefined,
    region: ep.region ?? region,
    ip: rds ? undefined : ep.host,
    port: rds ? undefined : String(ep.port),
    userName: ep.user,
    password: ep.password.terraformValue(scope),
  };
}

/**
 * A MySQL -> MySQL task run by Alibaba Cloud DTS: the synchronization instance, the job (with the
 * db_list built from the task's objects) and job monitor rules from `alerting`.
 */
export class ManagedDtsTask extends Construct {
  readonly instance: DtsSynchronizationInstance;
  readonly job: DtsSynchronizationJob;

  constructor(scope: Construct, id: string, taskName: string, props: SyncTaskProps, managed: ManagedDtsProps, destination: MySqlEndpoint) {
    super(scope, id);
    const src = endpointArgs(this, props.source, managed.region);
    const dst = endpointArgs(this, destination, managed.region ?? props.source.region);
    const regionMissing = [src.region === undefined ? 'source' : undefined, dst.region === undefined ? 'destination' : undefined].filter(Boolean);
    this.node.addValidation({
      validate: () =>
        regionMissing.length > 0
          ? [`SyncTask ${taskName}: managed DTS needs the ${regionMissing.join(' and ')} region; set region on MySqlEndpoint.rds(...) or SyncRuntime.managedDts({ region })`]
          : [],
    });
    this.instance = new DtsSynchronizationInstance(this, 'Instance', {
      paymentType: managed.paymentType ?? 'PayAsYouGo',
      paymentDuration: managed.paymentType === 'Subscription' ? (managed.usedTime ?? 1) : undefined,
      paymentDurationUnit: managed.paymentType === 'Subscription' ? 'Month' : undefined,
      instanceClass: managed.instanceClass,
      sourceEndpointEngineName: 'MySQL',
      sourceEndpointRegion: src.region ?? '',
      destinationEndpointEngineName: 'MySQL',
      destinationEndpointRegion: dst.region ?? '',
      syncArchitecture: 'oneway',
    });
    const retryConnection = props.retry?.connectionMinutes ?? RETRY_CONNECTION_MINUTES.default;
    const retryOther = props.retry?.otherMinutes ?? RETRY_OTHER_MINUTES.default;
    const reserve: Record<string, unknown> = {
      targetTableMode: props.conflictingTables === 'ignore' ? '2' : '0',
      dbListCaseChangeMode: CASE_CHANGE_MODE[props.capitalization ?? 'dts-default'],
      maxRetryTime: String(retryConnection * 60),
      'retry.blind.seconds': String(retryOther * 60),
      srcSSL: props.source.ssl ? '1' : '0',
      destSSL: destination.ssl ? '1' : '0',
    };
    const fullMbps = props.throttle?.full?.mbps;
    const incMbps = props.throttle?.incremental?.mbps;
    if (fullMbps !== undefined) reserve.fullDynamicConfig = { 'dts.datamove.source.bps.max': String(Math.round(fullMbps * 1024 * 1024)) };
    if (incMbps !== undefined) reserve.incDynamicConfig = { 'dts.datamove.source.bps.max': String(Math.round(incMbps * 1024 * 1024)) };
    const dest = props.destination.data;
    const onlineDdl = dest.engine === 'mysql' ? (dest.options.onlineDdlTempTables ?? false) : false;
    // Replicate the online-DDL temp tables (true) or only the original DDL (false).
    reserve['whitelist.dms.online.ddl.enable'] = String(onlineDdl);
    reserve['sqlparser.dms.original.ddl'] = String(!onlineDdl);
    const sortedReserve = Object.fromEntries(Object.entries(reserve).sort(([a], [b]) => a.localeCompare(b)));

    this.job = new DtsSynchronizationJob(this, 'Job', {
      dtsInstanceId: this.instance.id,
      dtsJobName: taskName,
      dbList: JSON.stringify(buildDbList(props.objects)),
      structureInitialization: props.syncTypes?.schema ?? true,
      dataInitialization: props.syncTypes?.full ?? true,
      dataSynchronization: props.syncTypes?.incremental ?? true,
      sourceEndpointInstanceType: src.instanceType,
      sourceEndpointEngineName: src.engineName,
      sourceEndpointInstanceId: src.instanceId,
      sourceEndpointRegion: src.region ?? '',
      sourceEndpointIp: src.ip,
      sourceEndpointPort: src.port,
      sourceEndpointUserName: src.userName,
      sourceEndpointPassword: src.password,
      destinationEndpointInstanceType: dst.instanceType,
      destinationEndpointEngineName: dst.engineName,
      destinationEndpointInstanceId: dst.instanceId,
      destinationEndpointRegion: dst.region ?? '',
      destinationEndpointIp: dst.ip,
      destinationEndpointPort: dst.port,
      destinationEndpointUserName: dst.userName,
      destinationEndpointPassword: dst.password,
      reserve: JSON.stringify(sortedReserve),
      status: 'Synchronizing',
    });

    const alerting = props.alerting;
    if (alerting) {
      const phone = managed.alertPhones?.length ? managed.alertPhones.join(',') : undefined;
      if (alerting.latencySeconds !== undefined) {
        new DtsJobMonitorRule(this, 'DelayRule', { dtsJobId: this.job.id, type: 'delay', delayRuleTime: String(alerting.latencySeconds), phone, state: 'Y' });
      }
      if (alerting.onFailure ?? true) {
        new DtsJobMonitorRule(this, 'ErrorRule', { dtsJobId: this.job.id, type: 'error', phone, state: 'Y' });
      }
    }
  }
}
