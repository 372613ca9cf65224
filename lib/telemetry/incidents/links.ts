/** Links inside the app: where the factory console shows a version, and an incident's page. */
export const versionHref = (version: number) => `/admin/factory#version-${version}`;
export const incidentHref = (id: number) => `/admin/incidents/${id}`;
