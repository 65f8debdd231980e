/**
 * The RunPod REST API v2 shapes we use, transcribed from RunPod's OpenAPI document
 * (repo runpod/docs, api-reference-v2/openapi.json: CreatePodRequest, Pod, PodStatus,
 * PodActionRequest, ListPodsResponse, GpuType, ListGpuTypesResponse, ErrorResponse).
 */
export type PodStatus = 'PROVISIONING' | 'STARTING' | 'RUNNING' | 'EXITED' | 'ERROR' | 'TERMINATED';
export type PodAction = 'start' | 'stop' | 'restart' | 'terminate';
export type Cloud = 'SECURE' | 'COMMUNITY';
export type AvailabilityLevel = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';

export interface GpuConfig {
  readonly id: string;
  readonly count?: number;
}

export interface NetworkMount {
  readonly volumeId: string;
  readonly path: string;
}

export interface Mounts {
  readonly persistent?: { readonly size: number; readonly path: string };
  readonly network?: readonly NetworkMount[];
}

/** ContainerConfig + CreatePodRequest (no unknown properties allowed). */
export interface CreatePodRequest {
  readonly name: string;
  readonly image?: string;
  readonly args?: string;
  readonly disk?: number;
  readonly env?: Readonly<Record<string, string>>;
  readonly ports?: readonly string[];
  readonly registry?: string | null;
  readonly cloud?: Cloud;
  readonly gpu?: GpuConfig & { readonly allowedCudaVersions?: readonly string[]; readonly minCudaVersion?: string };
  readonly cpu?: { readonly id: string; readonly vcpuCount?: number };
  readonly dataCenterIds?: readonly string[];
  readonly mounts?: Mounts;
  readonly templateId?: string;
  readonly globalNetworking?: boolean;
  readonly startSsh?: boolean;
  readonly startJupyter?: boolean;
}

export interface Pod {
  readonly id: string;
  readonly name: string;
  readonly status: PodStatus;
  readonly actions: readonly PodAction[];
  readonly image: string;
  readonly args: string;
  readonly disk: number;
  readonly mounts: Mounts;
  readonly ports: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly registry: string | null;
  readonly gpu?: GpuConfig;
  readonly cloud: Cloud;
  readonly dataCenterId: string | null;
  readonly cudaVersion: string | null;
  readonly ssh: unknown;
  readonly template: string | null;
  /** Current cost in USD per hour (0 when EXITED or TERMINATED). */
  readonly cost: number;
  readonly locked: boolean;
  readonly globalNetworking: { readonly enabled: boolean };
  readonly runtime: { readonly uptime?: number } | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
}

export interface ListPodsResponse {
  readonly pods: readonly Pod[];
}

export interface DataCenterAvailability {
  readonly id: string;
  readonly name: string;
  readonly availability: AvailabilityLevel;
}

export interface GpuType {
  readonly id: string;
  readonly name: string;
  readonly pool: string | null;
  readonly manufacturer: string;
  readonly memory: number;
  readonly secure: boolean;
  readonly community: boolean;
  readonly price: { readonly secure: number; readonly community: number; readonly serverless?: number };
  readonly maxCount: { readonly secure: number; readonly community: number };
  /** Only with include=AVAILABILITY&product=…. */
  readonly availability?: AvailabilityLevel;
  readonly dataCenters?: readonly DataCenterAvailability[];
}

export interface ListGpuTypesResponse {
  readonly gpus: readonly GpuType[];
}

/** application/problem+json */
export interface ErrorResponse {
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly string[];
}

/** One SSE `data:` payload of GET /v2/pods/{id}/logs. */
export interface LogEvent {
  readonly ts: string;
  readonly source: 'container' | 'system';
  readonly line: string;
}
